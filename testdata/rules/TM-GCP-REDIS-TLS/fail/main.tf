# expect: TM-GCP-REDIS-TLS
resource "google_redis_instance" "cache" {
  name               = "cache"
  tier               = "STANDARD_HA"
  memory_size_gb     = 5
  region             = "europe-west1"
  authorized_network = "projects/acme-prod/global/networks/vpc-main"
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  auth_enabled       = true
}

# expect: TM-GCP-REDIS-TLS
resource "google_redis_instance" "explicit" {
  name                    = "explicit"
  tier                    = "STANDARD_HA"
  memory_size_gb          = 5
  region                  = "europe-west1"
  authorized_network      = "projects/acme-prod/global/networks/vpc-main"
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  auth_enabled            = true
  transit_encryption_mode = "DISABLED"
}
