resource "google_storage_bucket" "this" {
  name          = "acme-versioned"
  location      = "EU"
  force_destroy = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      num_newer_versions = 5
    }
    action {
      type = "Delete"
    }
  }
}

variable "versioning" {
  type    = bool
  default = true
}

resource "google_storage_bucket" "dynamic" {
  name          = "acme-dynamic"
  location      = "EU"
  force_destroy = false

  dynamic "versioning" {
    for_each = var.versioning ? [1] : []
    content {
      enabled = true
    }
  }
}
