resource "google_compute_subnetwork" "app" {
  name                     = "snet-app"
  ip_cidr_range            = "10.10.0.0/20"
  region                   = "europe-west1"
  network                  = "projects/acme-prod/global/networks/vpc-main"
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

variable "subnets" {
  type = map(object({ cidr = string, flow_logs = bool }))
  default = {
    data = { cidr = "10.20.0.0/20", flow_logs = true }
  }
}

resource "google_compute_subnetwork" "each" {
  for_each = var.subnets

  name          = "snet-${each.key}"
  ip_cidr_range = each.value.cidr
  region        = "europe-west1"
  network       = "projects/acme-prod/global/networks/vpc-main"

  dynamic "log_config" {
    for_each = each.value.flow_logs ? [1] : []
    content {
      aggregation_interval = "INTERVAL_10_MIN"
      flow_sampling        = 0.5
      metadata             = "INCLUDE_ALL_METADATA"
    }
  }
}

# Proxy-only subnets cannot have flow logs.
resource "google_compute_subnetwork" "proxy" {
  name          = "snet-proxy"
  ip_cidr_range = "10.129.0.0/23"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
  region        = "europe-west1"
  network       = "projects/acme-prod/global/networks/vpc-main"
}
