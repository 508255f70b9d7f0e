# expect: TM-AZURE-KEYVAULT-RBAC
resource "azurerm_key_vault" "policies" {
  name                     = "kv-acme-policies"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true

  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = "33333333-3333-3333-3333-333333333333"
    secret_permissions = ["Get", "List", "Set", "Delete"]
  }
}

# expect: TM-AZURE-KEYVAULT-RBAC
resource "azurerm_key_vault" "explicit" {
  name                      = "kv-acme-explicit"
  location                  = "westeurope"
  resource_group_name       = "rg-sec"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = false
}
