resource "google_dns_managed_zone" "public" {
  name       = "acme-example"
  dns_name   = "acme.example."
  visibility = "public"

  dnssec_config {
    state = "on"
  }
}

resource "google_dns_managed_zone" "internal" {
  name       = "acme-internal"
  dns_name   = "internal.acme.example."
  visibility = "private"

  private_visibility_config {
    networks {
      network_url = "projects/acme-prod/global/networks/vpc-main"
    }
  }
}
