variable "default_action" {
  type = string
}

resource "azurerm_storage_account" "this" {
  name                     = "acmeunknown"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = var.default_action
  }
}
