# expect: TM-GCP-GCS-UNIFORM-ACCESS
resource "google_storage_bucket" "default" {
  name          = "acme-default"
  location      = "EU"
  force_destroy = false
}

# expect: TM-GCP-GCS-UNIFORM-ACCESS
resource "google_storage_bucket" "acls" {
  name                        = "acme-acls"
  location                    = "EU"
  force_destroy               = false
  uniform_bucket_level_access = false
}
