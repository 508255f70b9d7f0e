# expect: TM-GCP-SQL-PUBLIC-AUTHORIZED-NETWORK
resource "google_sql_database_instance" "open" {
  name             = "pg-open"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      authorized_networks {
        name  = "anywhere"
        value = "0.0.0.0/0"
      }
    }
  }
}

variable "authorized_networks" {
  type = list(object({ name = string, value = string }))
  default = [
    { name = "office", value = "203.0.113.0/24" },
    { name = "everyone", value = "0.0.0.0/0" },
  ]
}

# expect: TM-GCP-SQL-PUBLIC-AUTHORIZED-NETWORK
resource "google_sql_database_instance" "dynamic" {
  name             = "pg-dynamic"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY"

      dynamic "authorized_networks" {
        for_each = var.authorized_networks
        content {
          name  = authorized_networks.value.name
          value = authorized_networks.value.value
        }
      }
    }
  }
}
