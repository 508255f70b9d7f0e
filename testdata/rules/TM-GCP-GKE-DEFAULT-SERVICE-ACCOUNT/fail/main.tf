# The default node pool has no node_config: its nodes use the default account.
# expect: TM-GCP-GKE-DEFAULT-SERVICE-ACCOUNT
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}

# expect: TM-GCP-GKE-DEFAULT-SERVICE-ACCOUNT
resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = google_container_cluster.main.id
  node_count = 1

  node_config {
    machine_type    = "e2-standard-4"
    service_account = "123456789012-compute@developer.gserviceaccount.com"
  }
}
