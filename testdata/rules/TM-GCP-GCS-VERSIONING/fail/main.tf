# expect: TM-GCP-GCS-VERSIONING
resource "google_storage_bucket" "default" {
  name          = "acme-default"
  location      = "EU"
  force_destroy = false
}

variable "buckets" {
  type = map(bool)
  default = {
    exports = false
    reports = false
  }
}

# expect: TM-GCP-GCS-VERSIONING x2
resource "google_storage_bucket" "each" {
  for_each = var.buckets

  name          = "acme-${each.key}"
  location      = "EU"
  force_destroy = false

  versioning {
    enabled = each.value
  }
}
