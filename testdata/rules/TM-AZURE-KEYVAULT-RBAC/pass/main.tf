resource "azurerm_key_vault" "rbac" {
  name                      = "kv-acme-rbac"
  location                  = "westeurope"
  resource_group_name       = "rg-sec"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

# Name used by recent azurerm 4 releases.
resource "azurerm_key_vault" "rbac_v4" {
  name                       = "kv-acme-rbac4"
  location                   = "westeurope"
  resource_group_name        = "rg-sec"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_role_assignment" "app_secrets" {
  scope                = azurerm_key_vault.rbac.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = "44444444-4444-4444-4444-444444444444"
}
