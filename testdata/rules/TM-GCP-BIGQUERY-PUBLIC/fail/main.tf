# expect: TM-GCP-BIGQUERY-PUBLIC
resource "google_bigquery_dataset" "shared" {
  dataset_id = "shared"
  location   = "EU"

  access {
    role          = "OWNER"
    user_by_email = "data-owner@acme.example"
  }

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}

# expect: TM-GCP-BIGQUERY-PUBLIC
resource "google_bigquery_dataset_iam_member" "public" {
  dataset_id = google_bigquery_dataset.shared.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "allUsers"
}

# expect: TM-GCP-BIGQUERY-PUBLIC
resource "google_bigquery_table_iam_binding" "viewers" {
  dataset_id = google_bigquery_dataset.shared.dataset_id
  table_id   = "orders"
  role       = "roles/bigquery.dataViewer"
  members    = ["group:analysts@acme.example", "allAuthenticatedUsers"]
}
