variable "logging_service" {
  type = string
}

resource "google_container_cluster" "app" {
  name     = "gke-app"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  logging_service = var.logging_service
}
