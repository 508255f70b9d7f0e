variable "transit_encryption_mode" {
  type    = string
  default = "SERVER_AUTHENTICATION"
}

resource "google_redis_instance" "cache" {
  name                    = "cache"
  tier                    = "STANDARD_HA"
  memory_size_gb          = 5
  region                  = "europe-west1"
  authorized_network      = "projects/acme-prod/global/networks/vpc-main"
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  auth_enabled            = true
  transit_encryption_mode = var.transit_encryption_mode
}
