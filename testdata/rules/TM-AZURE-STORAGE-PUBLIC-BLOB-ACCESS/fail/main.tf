# allow_nested_items_to_be_public defaults to true.
# expect: TM-AZURE-STORAGE-PUBLIC-BLOB-ACCESS
resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# expect: TM-AZURE-STORAGE-PUBLIC-BLOB-ACCESS
resource "azurerm_storage_account" "web" {
  name                            = "acmeweb"
  resource_group_name             = "rg-app"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}
