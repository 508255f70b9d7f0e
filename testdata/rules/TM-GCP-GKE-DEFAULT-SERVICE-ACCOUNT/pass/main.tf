resource "google_service_account" "nodes" {
  account_id = "gke-nodes"
}

# The default pool is removed; the pools below name their service account.
resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = google_container_cluster.main.id
  node_count = 1

  node_config {
    machine_type    = "e2-standard-4"
    service_account = "gke-nodes@acme-prod.iam.gserviceaccount.com"
  }
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
