# expect: TM-GCP-GCS-LOGGING
resource "google_storage_bucket" "data" {
  name          = "acme-data"
  location      = "EU"
  force_destroy = false
}
