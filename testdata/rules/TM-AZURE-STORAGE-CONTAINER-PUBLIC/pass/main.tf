resource "azurerm_storage_account" "this" {
  name                            = "acmeassets"
  resource_group_name             = "rg-app"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_container" "default" {
  name               = "default"
  storage_account_id = azurerm_storage_account.this.id
}

variable "containers" {
  type = map(object({ access = string }))
  default = {
    reports = { access = "private" }
    backups = { access = "private" }
  }
}

resource "azurerm_storage_container" "each" {
  for_each = var.containers

  name                  = each.key
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = each.value.access
}
