# expect: TM-AZURE-REDIS-MIN-TLS
resource "azurerm_redis_cache" "old" {
  name                = "redis-acme-old"
  location            = "westeurope"
  resource_group_name = "rg-cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.0"
}
