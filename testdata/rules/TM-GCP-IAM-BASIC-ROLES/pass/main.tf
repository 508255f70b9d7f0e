locals {
  app_roles = toset(["roles/cloudsql.client", "roles/secretmanager.secretAccessor", "roles/logging.logWriter"])
}

resource "google_project_iam_member" "app" {
  for_each = local.app_roles

  project = "acme-prod"
  role    = each.value
  member  = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_binding" "viewers" {
  project = "acme-prod"
  role    = "roles/viewer"
  members = ["group:auditors@acme.example"]
}
