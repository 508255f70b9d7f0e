# expect: TM-GCP-GKE-LEGACY-ABAC
resource "google_container_cluster" "legacy" {
  name     = "gke-legacy"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  enable_legacy_abac = true
}
