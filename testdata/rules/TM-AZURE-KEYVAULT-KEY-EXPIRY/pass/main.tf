resource "azurerm_key_vault" "this" {
  name                     = "kv-acme-keys"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

resource "azurerm_key_vault_key" "rotated" {
  name         = "cmk-rotated"
  key_vault_id = azurerm_key_vault.this.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P90D"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_key_vault_key" "dated" {
  name            = "cmk-dated"
  key_vault_id    = azurerm_key_vault.this.id
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]
  expiration_date = "2027-06-30T00:00:00Z"
}
