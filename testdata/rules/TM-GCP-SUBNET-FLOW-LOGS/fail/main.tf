# expect: TM-GCP-SUBNET-FLOW-LOGS
resource "google_compute_subnetwork" "app" {
  name                     = "snet-app"
  ip_cidr_range            = "10.10.0.0/20"
  region                   = "europe-west1"
  network                  = "projects/acme-prod/global/networks/vpc-main"
  private_ip_google_access = true
}

variable "subnets" {
  type = map(string)
  default = {
    data = "10.20.0.0/20"
    jobs = "10.30.0.0/20"
  }
}

# expect: TM-GCP-SUBNET-FLOW-LOGS x2
resource "google_compute_subnetwork" "each" {
  for_each = var.subnets

  name          = "snet-${each.key}"
  ip_cidr_range = each.value
  region        = "europe-west1"
  network       = "projects/acme-prod/global/networks/vpc-main"
}
