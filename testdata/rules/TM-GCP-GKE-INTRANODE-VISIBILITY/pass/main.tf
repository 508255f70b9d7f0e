resource "google_container_cluster" "visible" {
  name     = "gke-visible"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  enable_intranode_visibility = true
}

resource "google_container_cluster" "autopilot" {
  name             = "gke-autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
