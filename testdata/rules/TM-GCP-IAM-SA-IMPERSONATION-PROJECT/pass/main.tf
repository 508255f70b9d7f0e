resource "google_service_account" "deployer" {
  account_id   = "deployer"
  display_name = "Cloud Run deployer"
}

# Granted on the one service account that needs impersonating.
resource "google_service_account_iam_member" "ci_acts_as_deployer" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "log_writer" {
  project = "acme-prod"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"
}
