variable "redis_min_tls" {
  type = string
}

resource "azurerm_redis_cache" "this" {
  name                = "redis-acme"
  location            = "westeurope"
  resource_group_name = "rg-cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.redis_min_tls
}
