# expect: TM-GCP-GKE-NODE-AUTO-REPAIR
resource "google_container_node_pool" "fragile" {
  name       = "fragile"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair  = false
    auto_upgrade = true
  }
}
