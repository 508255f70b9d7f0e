resource "google_container_cluster" "this" {
  name     = "gke-wi"
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

variable "project_id" {
  type    = string
  default = "acme-prod"
}

resource "google_container_cluster" "module_style" {
  name     = "gke-module"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}

# Autopilot always has Workload Identity.
resource "google_container_cluster" "autopilot" {
  name             = "gke-autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
