# expect: TM-GCP-GKE-NODE-AUTO-UPGRADE
resource "google_container_node_pool" "pinned" {
  name       = "pinned"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair  = true
    auto_upgrade = false
  }
}

variable "pools" {
  type = map(object({ machine_type = string, auto_upgrade = bool }))
  default = {
    batch = { machine_type = "e2-standard-8", auto_upgrade = false }
    web   = { machine_type = "e2-standard-4", auto_upgrade = true }
  }
}

# Only the batch pool pins its version.
# expect: TM-GCP-GKE-NODE-AUTO-UPGRADE
resource "google_container_node_pool" "each" {
  for_each = var.pools

  name       = each.key
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  node_config {
    machine_type = each.value.machine_type
  }

  management {
    auto_upgrade = each.value.auto_upgrade
  }
}
