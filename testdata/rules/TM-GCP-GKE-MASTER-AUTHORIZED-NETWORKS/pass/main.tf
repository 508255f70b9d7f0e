resource "google_container_cluster" "this" {
  name     = "gke-secure"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.0.0.0/8"
      display_name = "internal"
    }
  }

  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }

  datapath_provider = "ADVANCED_DATAPATH"
}

resource "google_container_cluster" "private_endpoint" {
  name     = "gke-private-endpoint"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.32/28"
  }
}

variable "master_authorized_networks" {
  type = list(object({ cidr_block = string, display_name = string }))
  default = [
    { cidr_block = "203.0.113.0/24", display_name = "office" },
  ]
}

resource "google_container_cluster" "dynamic" {
  name     = "gke-dynamic"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  master_authorized_networks_config {
    dynamic "cidr_blocks" {
      for_each = var.master_authorized_networks
      content {
        cidr_block   = cidr_blocks.value.cidr_block
        display_name = cidr_blocks.value.display_name
      }
    }
  }
}
