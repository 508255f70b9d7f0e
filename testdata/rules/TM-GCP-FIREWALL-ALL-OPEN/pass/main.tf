resource "google_compute_firewall" "internal" {
  name    = "allow-internal"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "all"
  }

  source_ranges = ["10.128.0.0/9"]
}

resource "google_compute_firewall" "https" {
  name    = "allow-https"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "health_checks" {
  name    = "allow-health-checks"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
  }

  source_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
}
