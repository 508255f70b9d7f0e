resource "google_container_cluster" "default" {
  name     = "gke-default"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_cluster" "explicit" {
  name     = "gke-explicit"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  logging_service    = "logging.googleapis.com/kubernetes"
  monitoring_service = "monitoring.googleapis.com/kubernetes"

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS"]
  }
}
