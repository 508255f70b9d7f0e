# expect: TM-AZURE-KEYVAULT-NETWORK-ACL
resource "azurerm_key_vault" "open" {
  name                     = "kv-acme-open"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

# expect: TM-AZURE-KEYVAULT-NETWORK-ACL
resource "azurerm_key_vault" "allow" {
  name                     = "kv-acme-allow"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}
