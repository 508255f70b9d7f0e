resource "azurerm_key_vault" "this" {
  name                     = "kv-acme-keys"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

# expect: TM-AZURE-KEYVAULT-SECRET-EXPIRY
resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  value        = random_password.db.result
  key_vault_id = azurerm_key_vault.this.id
}

resource "random_password" "db" {
  length = 32
}

locals {
  api_keys = toset(["payments", "mailer"])
}

# expect: TM-AZURE-KEYVAULT-SECRET-EXPIRY x2
resource "azurerm_key_vault_secret" "api" {
  for_each = local.api_keys

  name         = "${each.key}-api-key"
  value        = "managed-outside-terraform"
  key_vault_id = azurerm_key_vault.this.id
}
