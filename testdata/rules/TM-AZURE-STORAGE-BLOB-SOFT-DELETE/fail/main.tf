# expect: TM-AZURE-STORAGE-BLOB-SOFT-DELETE
resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# Only the other policy is configured.
# expect: TM-AZURE-STORAGE-BLOB-SOFT-DELETE
resource "azurerm_storage_account" "partial" {
  name                     = "acmepartial"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  blob_properties {
    versioning_enabled = true

    container_delete_retention_policy {
      days = 7
    }
  }
}
