# expect: TM-AZURE-STORAGE-SHARED-KEY
resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# expect: TM-AZURE-STORAGE-SHARED-KEY
resource "azurerm_storage_account" "explicit" {
  name                      = "acmeexplicit"
  resource_group_name       = "rg-app"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  shared_access_key_enabled = true
}
