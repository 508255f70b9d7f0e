# expect: TM-GCP-FIREWALL-ALL-OPEN
resource "google_compute_firewall" "all" {
  name    = "allow-all"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0"]
}

# expect: TM-GCP-FIREWALL-ALL-OPEN
resource "google_compute_firewall" "all_tcp" {
  name    = "allow-all-tcp"
  network = "projects/acme-prod/global/networks/vpc-main"

  allow {
    protocol = "tcp"
  }

  source_ranges = ["0.0.0.0/0", "::/0"]
}
