# expect: TM-GCP-GKE-WORKLOAD-IDENTITY
resource "google_container_cluster" "no_wi" {
  name     = "gke-no-wi"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

}
