variable "sql_password" {
  type      = string
  sensitive = true
}

# expect: TM-AZURE-SQL-AUDITING
resource "azurerm_mssql_server" "unaudited" {
  name                         = "sql-acme-unaudited"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
}

# expect: TM-AZURE-SQL-AUDITING
resource "azurerm_mssql_server" "disabled" {
  name                         = "sql-acme-disabled"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
}

resource "azurerm_mssql_server_extended_auditing_policy" "disabled" {
  server_id = azurerm_mssql_server.disabled.id
  enabled   = false
}
