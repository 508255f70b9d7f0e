variable "log_bucket" {
  type    = string
  default = "acme-access-logs"
}

resource "google_storage_bucket" "data" {
  name          = "acme-data"
  location      = "EU"
  force_destroy = false

  logging {
    log_bucket        = var.log_bucket
    log_object_prefix = "acme-data/"
  }
}
