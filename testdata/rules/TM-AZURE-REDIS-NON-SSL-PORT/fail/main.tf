# azurerm 4
# expect: TM-AZURE-REDIS-NON-SSL-PORT
resource "azurerm_redis_cache" "sessions" {
  name                 = "redis-acme-sessions"
  location             = "westeurope"
  resource_group_name  = "rg-cache"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true
}

# azurerm 3
# expect: TM-AZURE-REDIS-NON-SSL-PORT
resource "azurerm_redis_cache" "legacy" {
  name                = "redis-acme-legacy"
  location            = "westeurope"
  resource_group_name = "rg-cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = true
}
