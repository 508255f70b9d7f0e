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

# expect: TM-AZURE-DB-FIREWALL-ALL
resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.this.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

locals {
  pg_ranges = {
    anywhere = ["0.0.0.0", "255.255.255.255"]
  }
}

# expect: TM-AZURE-DB-FIREWALL-ALL
resource "azurerm_postgresql_flexible_server_firewall_rule" "ranges" {
  for_each = local.pg_ranges

  name             = each.key
  server_id        = azurerm_postgresql_flexible_server.pg.id
  start_ip_address = each.value[0]
  end_ip_address   = each.value[1]
}
