variable "min_tls" {
  type    = string
  default = "TLS1_0"
}

# expect: TM-AZURE-STORAGE-MIN-TLS
resource "azurerm_storage_account" "legacy" {
  name                     = "acmelegacy"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = var.min_tls
}

locals {
  accounts = {
    logs = "TLS1_1"
    data = "TLS1_1"
  }
}

# expect: TM-AZURE-STORAGE-MIN-TLS x2
resource "azurerm_storage_account" "each" {
  for_each = local.accounts

  name                     = "acme${each.key}"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = each.value
}
