resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "EU"

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role           = "READER"
    group_by_email = "analysts@acme.example"
  }
}

resource "google_bigquery_dataset_iam_member" "etl" {
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:etl@acme-prod.iam.gserviceaccount.com"
}
