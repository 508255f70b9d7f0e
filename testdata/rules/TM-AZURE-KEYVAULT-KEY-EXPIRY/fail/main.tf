resource "azurerm_key_vault" "this" {
  name                     = "kv-acme-keys"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

# expect: TM-AZURE-KEYVAULT-KEY-EXPIRY
resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk-storage"
  key_vault_id = azurerm_key_vault.this.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]
}
