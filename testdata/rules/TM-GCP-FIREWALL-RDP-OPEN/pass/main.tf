resource "google_compute_firewall" "iap" {
  name    = "allow-admin-from-iap"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["35.235.240.0/20"]
  target_tags   = ["admin"]
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

resource "google_compute_firewall" "disabled" {
  name     = "break-glass-admin"
  disabled = true
  network  = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "egress" {
  name      = "egress-admin"
  direction = "EGRESS"
  network   = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  destination_ranges = ["0.0.0.0/0"]
}

variable "admin_ranges" {
  type    = list(string)
  default = ["203.0.113.0/28"]
}

resource "google_compute_firewall" "office" {
  name    = "allow-admin-office"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = var.admin_ranges
}
