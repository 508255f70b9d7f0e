resource "azurerm_redis_cache" "default" {
  name                = "redis-acme"
  location            = "westeurope"
  resource_group_name = "rg-cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.2"
}

resource "azurerm_redis_cache" "explicit" {
  name                 = "redis-acme-explicit"
  location             = "westeurope"
  resource_group_name  = "rg-cache"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = false
  minimum_tls_version  = "1.2"
}
