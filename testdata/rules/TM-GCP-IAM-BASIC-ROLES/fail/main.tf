# expect: TM-GCP-IAM-BASIC-ROLES
resource "google_project_iam_member" "ci_editor" {
  project = "acme-prod"
  role    = "roles/editor"
  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
}

# expect: TM-GCP-IAM-BASIC-ROLES
resource "google_folder_iam_binding" "owners" {
  folder  = "folders/123456789012"
  role    = "roles/owner"
  members = ["group:platform@acme.example"]
}

locals {
  ci_roles = toset(["roles/storage.admin", "roles/editor", "roles/run.admin"])
}

# Only the roles/editor instance is a basic role.
# expect: TM-GCP-IAM-BASIC-ROLES
resource "google_project_iam_member" "ci" {
  for_each = local.ci_roles

  project = "acme-prod"
  role    = each.value
  member  = "serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"
}
