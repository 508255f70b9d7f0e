variable "admin_ranges" {
  type = list(string)
}

resource "google_compute_firewall" "admin" {
  name    = "allow-admin"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = var.admin_ranges
}
