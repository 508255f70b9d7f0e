variable "db_password" {
  type      = string
  sensitive = true
}

resource "azurerm_postgresql_flexible_server" "flex" {
  name                = "pgflex-acme"
  resource_group_name = "rg-data"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_server" "single" {
  name                             = "pg-acme-single"
  location                         = "westeurope"
  resource_group_name              = "rg-data"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  administrator_login              = "pgadmin"
  administrator_login_password     = var.db_password
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.flex.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_configuration" "log_connections" {
  name      = "log_connections"
  server_id = azurerm_postgresql_flexible_server.flex.id
  value     = "off"
}
