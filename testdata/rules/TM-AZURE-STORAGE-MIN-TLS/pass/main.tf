# The provider default is TLS1_2.
resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "explicit" {
  name                     = "acmeexplicit"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_2"
}

variable "min_tls_version" {
  type    = string
  default = "TLS1_2"
}

resource "azurerm_storage_account" "from_var" {
  name                     = "acmefromvar"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = var.min_tls_version
}
