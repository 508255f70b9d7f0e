# expect: TM-GCP-GCS-PUBLIC-ACCESS-PREVENTION
resource "google_storage_bucket" "default" {
  name                        = "acme-default"
  location                    = "EU"
  force_destroy               = false
  uniform_bucket_level_access = true
}

# expect: TM-GCP-GCS-PUBLIC-ACCESS-PREVENTION
resource "google_storage_bucket" "inherited" {
  name                        = "acme-inherited"
  location                    = "EU"
  force_destroy               = false
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
