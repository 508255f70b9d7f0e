resource "google_compute_subnetwork" "app" {
  name                     = "snet-app"
  ip_cidr_range            = "10.10.0.0/20"
  region                   = "europe-west1"
  network                  = "projects/acme-prod/global/networks/vpc-main"
  private_ip_google_access = true
}
