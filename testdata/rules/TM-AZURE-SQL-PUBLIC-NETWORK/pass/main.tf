variable "sql_password" {
  type      = string
  sensitive = true
}

resource "azurerm_mssql_server" "this" {
  name                          = "sql-acme-prod"
  resource_group_name           = "rg-data"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.sql_password
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  azuread_administrator {
    login_username = "sql-admins"
    object_id      = "11111111-1111-1111-1111-111111111111"
  }
}
