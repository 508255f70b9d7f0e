variable "name" {
  type = string
}

variable "bucket_policy_only" {
  type    = bool
  default = false
}

# expect: TM-GCP-GCS-UNIFORM-ACCESS x2
resource "google_storage_bucket" "this" {
  name                        = var.name
  location                    = "EU"
  uniform_bucket_level_access = var.bucket_policy_only
}
