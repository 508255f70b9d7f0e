# expect: TM-GCP-REDIS-AUTH
resource "google_redis_instance" "cache" {
  name               = "cache"
  tier               = "STANDARD_HA"
  memory_size_gb     = 5
  region             = "europe-west1"
  authorized_network = "projects/acme-prod/global/networks/vpc-main"
  connect_mode       = "PRIVATE_SERVICE_ACCESS"

}

locals {
  caches = {
    sessions  = false
    ratelimit = false
  }
}

# expect: TM-GCP-REDIS-AUTH x2
resource "google_redis_instance" "each" {
  for_each = local.caches

  name               = "${each.key}"
  tier               = "STANDARD_HA"
  memory_size_gb     = 5
  region             = "europe-west1"
  authorized_network = "projects/acme-prod/global/networks/vpc-main"
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  auth_enabled       = each.value
}
