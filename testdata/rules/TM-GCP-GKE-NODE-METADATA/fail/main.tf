# expect: TM-GCP-GKE-NODE-METADATA
resource "google_container_node_pool" "exposed" {
  name       = "exposed"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  node_config {
    machine_type = "e2-standard-4"

    workload_metadata_config {
      mode = "GCE_METADATA"
    }
  }
}

# expect: TM-GCP-GKE-NODE-METADATA
resource "google_container_cluster" "default_pool" {
  name               = "gke-default-pool"
  location           = "europe-west1"
  initial_node_count = 3

  node_config {
    machine_type = "e2-standard-4"

    workload_metadata_config {
      mode = "GCE_METADATA"
    }
  }
}
