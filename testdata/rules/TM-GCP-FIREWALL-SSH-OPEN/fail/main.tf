# expect: TM-GCP-FIREWALL-SSH-OPEN
resource "google_compute_firewall" "admin" {
  name    = "allow-admin"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["admin"]
}

# expect: TM-GCP-FIREWALL-SSH-OPEN
resource "google_compute_firewall" "range" {
  name    = "allow-range"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
    ports    = ["443", "20-25"]
  }

  source_ranges = ["10.0.0.0/8", "0.0.0.0/0"]
}

locals {
  ingress = {
    web   = { ports = ["80", "443"], ranges = ["0.0.0.0/0"] }
    admin = { ports = ["22"], ranges = ["0.0.0.0/0"] }
  }
}

# Only the admin instance opens the port.
# expect: TM-GCP-FIREWALL-SSH-OPEN
resource "google_compute_firewall" "each" {
  for_each = local.ingress

  name    = "allow-${each.key}"
  network = "projects/acme-prod/global/networks/vpc-main"

  dynamic "allow" {
    for_each = [each.value.ports]
    content {
      protocol = "tcp"
      ports    = allow.value
    }
  }

  source_ranges = each.value.ranges
}
