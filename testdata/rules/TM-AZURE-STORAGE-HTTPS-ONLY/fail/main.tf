# azurerm 3 name
# expect: TM-AZURE-STORAGE-HTTPS-ONLY
resource "azurerm_storage_account" "v3" {
  name                      = "acmev3"
  resource_group_name       = "rg-app"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = false
}

module "static_site" {
  source     = "./modules/storage"
  name       = "acmestatic"
  https_only = false
}
