resource "google_sql_database_instance" "primary" {
  name             = "pg-primary"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme-prod/global/networks/vpc-main"
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

# Replicas are backed up through their primary.
resource "google_sql_database_instance" "replica" {
  name                 = "pg-replica"
  database_version     = "POSTGRES_16"
  region               = "europe-west1"
  master_instance_name = google_sql_database_instance.primary.name
  settings {
    tier = "db-custom-2-7680"

  }
}
