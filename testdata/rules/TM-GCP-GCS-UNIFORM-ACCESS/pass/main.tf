resource "google_storage_bucket" "this" {
  name                        = "acme-ubla"
  location                    = "EU"
  force_destroy               = false
  uniform_bucket_level_access = true
}

variable "bucket_policy_only" {
  description = "Enables Bucket Policy Only access to a bucket."
  type        = bool
  default     = true
}

resource "google_storage_bucket" "module_style" {
  name                        = "acme-module"
  location                    = "EU"
  force_destroy               = false
  uniform_bucket_level_access = var.bucket_policy_only
}
