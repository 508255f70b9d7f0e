variable "client_cidr" {
  type = string
}

resource "google_sql_database_instance" "this" {
  name             = "pg-clients"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      authorized_networks {
        name  = "clients"
        value = var.client_cidr
      }
    }
  }
}
