variable "sql_password" {
  type      = string
  sensitive = true
}

resource "azurerm_mssql_server" "this" {
  name                         = "sql-acme"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
}

resource "azurerm_postgresql_flexible_server" "pg" {
  name                = "pg-acme"
  resource_group_name = "rg-data"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_mssql_server.this.id
  start_ip_address = "203.0.113.0"
  end_ip_address   = "203.0.113.255"
}
