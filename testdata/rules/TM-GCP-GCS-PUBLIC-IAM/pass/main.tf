resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_service_account" "app" {
  account_id = "acme-app"
}

resource "google_storage_bucket_iam_member" "app" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:acme-app@acme-prod.iam.gserviceaccount.com"
}

variable "readers" {
  type    = list(string)
  default = ["group:analysts@acme.example", "serviceAccount:etl@acme-prod.iam.gserviceaccount.com"]
}

resource "google_storage_bucket_iam_binding" "readers" {
  bucket  = google_storage_bucket.data.name
  role    = "roles/storage.objectViewer"
  members = var.readers
}

data "google_iam_policy" "admins" {
  binding {
    role    = "roles/storage.admin"
    members = ["group:platform@acme.example"]
  }
}

resource "google_storage_bucket_iam_policy" "policy" {
  bucket      = "acme-admin-only"
  policy_data = data.google_iam_policy.admins.policy_data
}
