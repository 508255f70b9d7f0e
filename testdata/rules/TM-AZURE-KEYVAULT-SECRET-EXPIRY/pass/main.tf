resource "azurerm_key_vault" "this" {
  name                     = "kv-acme-keys"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

resource "random_password" "db" {
  length = 32
}

resource "azurerm_key_vault_secret" "db" {
  name            = "db-password"
  value           = random_password.db.result
  key_vault_id    = azurerm_key_vault.this.id
  content_type    = "password"
  expiration_date = "2027-01-31T00:00:00Z"
}
