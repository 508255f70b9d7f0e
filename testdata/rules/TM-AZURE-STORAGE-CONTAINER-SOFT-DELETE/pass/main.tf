resource "azurerm_storage_account" "this" {
  name                     = "acmeprotected"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = 30
    }

    container_delete_retention_policy {
      days = 30
    }
  }
}

variable "blob_retention_days" {
  type    = number
  default = 7
}

resource "azurerm_storage_account" "dynamic" {
  name                     = "acmedynamic"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  blob_properties {
    dynamic "delete_retention_policy" {
      for_each = var.blob_retention_days > 0 ? [var.blob_retention_days] : []
      content {
        days = delete_retention_policy.value
      }
    }

    dynamic "container_delete_retention_policy" {
      for_each = var.blob_retention_days > 0 ? [var.blob_retention_days] : []
      content {
        days = container_delete_retention_policy.value
      }
    }
  }
}

# Premium file shares have no blob service.
resource "azurerm_storage_account" "files" {
  name                     = "acmefiles"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_kind             = "FileStorage"
  account_tier             = "Premium"
  account_replication_type = "LRS"
}
