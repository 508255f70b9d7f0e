resource "azurerm_key_vault" "this" {
  name                       = "kv-acme-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-sec"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 90
  purge_protection_enabled   = true
  enable_rbac_authorization  = true
}
