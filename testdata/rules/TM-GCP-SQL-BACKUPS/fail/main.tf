# expect: TM-GCP-SQL-BACKUPS
resource "google_sql_database_instance" "default" {
  name             = "pg-default"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

  }
}

# expect: TM-GCP-SQL-BACKUPS
resource "google_sql_database_instance" "off" {
  name             = "pg-off"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled = false
    }
  }
}
