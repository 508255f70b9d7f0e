variable "enable_private_nodes" {
  type = bool
}

resource "google_container_cluster" "this" {
  name               = "gke-unknown"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes   = var.enable_private_nodes
    master_ipv4_cidr_block = "172.16.0.0/28"
  }
}
