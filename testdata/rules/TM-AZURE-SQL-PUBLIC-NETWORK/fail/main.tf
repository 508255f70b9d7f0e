variable "sql_password" {
  type      = string
  sensitive = true
}

# expect: TM-AZURE-SQL-PUBLIC-NETWORK
resource "azurerm_mssql_server" "default" {
  name                         = "sql-acme-default"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
}

# expect: TM-AZURE-SQL-PUBLIC-NETWORK
resource "azurerm_mssql_server" "explicit" {
  name                          = "sql-acme-explicit"
  resource_group_name           = "rg-data"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.sql_password
  public_network_access_enabled = true
}
