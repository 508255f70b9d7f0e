# The node service account comes from a variable without a value.
variable "node_sa" {
  type = string
}

resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/main"
  node_count = 1

  node_config {
    machine_type    = "e2-standard-4"
    service_account = var.node_sa
  }
}
