# google >= 6: ssl_mode
# expect: TM-GCP-SQL-SSL
resource "google_sql_database_instance" "mixed" {
  name             = "pg-mixed"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme-prod/global/networks/vpc-main"
      ssl_mode        = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    }
  }
}

# google 5: require_ssl
# expect: TM-GCP-SQL-SSL
resource "google_sql_database_instance" "v5" {
  name             = "pg-v5"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme-prod/global/networks/vpc-main"
      require_ssl     = false
    }
  }
}

# No ip_configuration at all.
# expect: TM-GCP-SQL-SSL
resource "google_sql_database_instance" "bare" {
  name             = "pg-bare"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

  }
}
