resource "azurerm_storage_account" "this" {
  name                     = "acmeassets"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# expect: TM-AZURE-STORAGE-CONTAINER-PUBLIC
resource "azurerm_storage_container" "downloads" {
  name                  = "downloads"
  storage_account_name  = azurerm_storage_account.this.name
  container_access_type = "blob"
}

locals {
  containers = {
    images  = "container"
    exports = "container"
    private = "private"
  }
}

# expect: TM-AZURE-STORAGE-CONTAINER-PUBLIC x2
resource "azurerm_storage_container" "each" {
  for_each = local.containers

  name                  = each.key
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = each.value
}
