resource "azurerm_postgresql_server" "reports" {
  name                             = "reports-pg"
  location                         = "westeurope"
  resource_group_name              = "rg"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  public_network_access_enabled    = false
}

resource "azurerm_mariadb_server" "legacy" {
  name                          = "legacy-mariadb"
  location                      = "westeurope"
  resource_group_name           = "rg"
  sku_name                      = "GP_Gen5_2"
  version                       = "10.3"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}
