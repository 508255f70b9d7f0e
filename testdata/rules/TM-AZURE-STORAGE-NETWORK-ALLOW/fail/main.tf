# No firewall at all.
# expect: TM-AZURE-STORAGE-NETWORK-ALLOW
resource "azurerm_storage_account" "open" {
  name                     = "acmeopen"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# expect: TM-AZURE-STORAGE-NETWORK-ALLOW
resource "azurerm_storage_account" "inline" {
  name                     = "acmeinline"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = "Allow"
    ip_rules       = ["203.0.113.10"]
  }
}

# The separate network rules resource (azurerm 3+) allows by default too.
# expect: TM-AZURE-STORAGE-NETWORK-ALLOW
resource "azurerm_storage_account" "split" {
  name                     = "acmesplit"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "split" {
  storage_account_id = azurerm_storage_account.split.id
  default_action     = "Allow"
  bypass             = ["AzureServices"]
}
