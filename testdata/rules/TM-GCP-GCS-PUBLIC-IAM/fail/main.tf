resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}

# expect: TM-GCP-GCS-PUBLIC-IAM
resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

# expect: TM-GCP-GCS-PUBLIC-IAM
resource "google_storage_bucket_iam_binding" "readers" {
  bucket  = google_storage_bucket.data.name
  role    = "roles/storage.objectViewer"
  members = ["group:analysts@acme.example", "allAuthenticatedUsers"]
}

data "google_iam_policy" "public" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allUsers"]
  }
}

# expect: TM-GCP-GCS-PUBLIC-IAM
resource "google_storage_bucket_iam_policy" "policy" {
  bucket      = google_storage_bucket.data.name
  policy_data = data.google_iam_policy.public.policy_data
}

# expect: TM-GCP-GCS-PUBLIC-IAM
resource "google_storage_bucket_acl" "legacy" {
  bucket      = "acme-legacy"
  role_entity = ["OWNER:project-owners-123456", "READER:allUsers"]
}

# Only the allUsers instance is public.
# expect: TM-GCP-GCS-PUBLIC-IAM
resource "google_storage_bucket_iam_member" "viewers" {
  for_each = toset(["allUsers", "group:support@acme.example"])

  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  member = each.value
}
