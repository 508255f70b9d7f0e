# expect: TM-AZURE-DB-PUBLIC-NETWORK
resource "azurerm_mysql_server" "orders" {
  name                             = "orders-mysql"
  location                         = "westeurope"
  resource_group_name              = "rg"
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  public_network_access_enabled    = true
}

# Public access is the default.
# expect: TM-AZURE-DB-PUBLIC-NETWORK
resource "azurerm_postgresql_server" "reports" {
  name                             = "reports-pg"
  location                         = "westeurope"
  resource_group_name              = "rg"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}
