# expect: TM-GCP-DNS-DNSSEC
resource "google_dns_managed_zone" "public" {
  name     = "acme-example"
  dns_name = "acme.example."
}

# expect: TM-GCP-DNS-DNSSEC
resource "google_dns_managed_zone" "off" {
  name     = "shop-acme-example"
  dns_name = "shop.acme.example."

  dnssec_config {
    state = "off"
  }
}
