resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  node_config {
    machine_type    = "e2-standard-4"
    service_account = "gke-nodes@acme-prod.iam.gserviceaccount.com"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_container_node_pool" "defaults" {
  name       = "defaults"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  node_config {
    machine_type = "e2-standard-4"
  }
}
