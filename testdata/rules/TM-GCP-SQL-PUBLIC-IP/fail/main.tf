# ipv4_enabled defaults to true.
# expect: TM-GCP-SQL-PUBLIC-IP
resource "google_sql_database_instance" "default" {
  name             = "pg-default"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

  }
}

# expect: TM-GCP-SQL-PUBLIC-IP
resource "google_sql_database_instance" "explicit" {
  name             = "pg-explicit"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
}
