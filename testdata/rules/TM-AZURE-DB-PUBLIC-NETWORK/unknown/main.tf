# Whether the endpoint is public comes from a variable without a value.
variable "public" {
  type = bool
}

resource "azurerm_mysql_server" "orders" {
  name                          = "orders-mysql"
  location                      = "westeurope"
  resource_group_name           = "rg"
  sku_name                      = "GP_Gen5_2"
  version                       = "8.0"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = var.public
}
