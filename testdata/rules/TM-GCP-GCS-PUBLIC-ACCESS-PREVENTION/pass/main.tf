variable "public_access_prevention" {
  type    = string
  default = "enforced"
}

resource "google_storage_bucket" "this" {
  name                        = "acme-enforced"
  location                    = "EU"
  force_destroy               = false
  uniform_bucket_level_access = true
  public_access_prevention    = var.public_access_prevention
}
