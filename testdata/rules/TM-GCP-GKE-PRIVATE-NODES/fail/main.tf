# expect: TM-GCP-GKE-PRIVATE-NODES
resource "google_container_cluster" "public" {
  name     = "gke-public"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

}

# expect: TM-GCP-GKE-PRIVATE-NODES
resource "google_container_cluster" "off" {
  name     = "gke-off"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  private_cluster_config {
    enable_private_nodes = false
  }
}
