# expect: TM-GCP-IAM-SA-IMPERSONATION-PROJECT
resource "google_project_iam_member" "sa_user" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:developers@acme.example"
}

# expect: TM-GCP-IAM-SA-IMPERSONATION-PROJECT
resource "google_folder_iam_binding" "token_creators" {
  folder  = "folders/123456789012"
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]
}
