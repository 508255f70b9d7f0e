variable "sql_password" {
  type      = string
  sensitive = true
}

# expect: TM-AZURE-SQL-MIN-TLS
resource "azurerm_mssql_server" "old" {
  name                         = "sql-acme-old"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
  minimum_tls_version          = "1.0"
}

# expect: TM-AZURE-SQL-MIN-TLS x2
resource "azurerm_mssql_server" "regional" {
  count = 2

  name                         = "sql-acme-${count.index}"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
  minimum_tls_version          = "1.1"
}
