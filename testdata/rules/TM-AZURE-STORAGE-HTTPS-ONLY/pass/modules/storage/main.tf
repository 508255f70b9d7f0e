variable "name" {
  type = string
}

variable "https_only" {
  type    = bool
  default = true
}

resource "azurerm_storage_account" "this" {
  name                       = var.name
  resource_group_name        = "rg-app"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = var.https_only
}
