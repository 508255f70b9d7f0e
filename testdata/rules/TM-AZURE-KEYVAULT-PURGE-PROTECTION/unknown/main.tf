variable "purge_protection_enabled" {
  type = bool
}

resource "azurerm_key_vault" "this" {
  name                     = "kv-acme"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection_enabled
}
