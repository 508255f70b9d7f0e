# Purge protection defaults to false.
# expect: TM-AZURE-KEYVAULT-PURGE-PROTECTION
resource "azurerm_key_vault" "default" {
  name                = "kv-acme-default"
  location            = "westeurope"
  resource_group_name = "rg-sec"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

variable "purge_protection" {
  type    = bool
  default = false
}

# expect: TM-AZURE-KEYVAULT-PURGE-PROTECTION
resource "azurerm_key_vault" "from_var" {
  name                       = "kv-acme-var"
  location                   = "westeurope"
  resource_group_name        = "rg-sec"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 7
  purge_protection_enabled   = var.purge_protection
}
