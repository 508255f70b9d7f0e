# expect: TM-GCP-GKE-MASTER-AUTHORIZED-NETWORKS
resource "google_container_cluster" "open" {
  name     = "gke-open"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

}

# expect: TM-GCP-GKE-MASTER-AUTHORIZED-NETWORKS
resource "google_container_cluster" "anywhere" {
  name     = "gke-anywhere"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "0.0.0.0/0"
      display_name = "anywhere"
    }
  }
}
