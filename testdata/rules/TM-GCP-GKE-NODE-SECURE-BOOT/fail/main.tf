# expect: TM-GCP-GKE-NODE-SECURE-BOOT
resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  node_config {
    machine_type = "e2-standard-4"
  }
}

# expect: TM-GCP-GKE-NODE-SECURE-BOOT
resource "google_container_node_pool" "nomonitor" {
  name       = "nomonitor"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  node_config {
    machine_type = "e2-standard-4"

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = false
    }
  }
}
