resource "azurerm_storage_account" "default" {
  name                     = "acmedefault"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "v4" {
  name                       = "acmev4"
  resource_group_name        = "rg-app"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = true
  min_tls_version            = "TLS1_2"
}

module "site" {
  source = "./modules/storage"
  name   = "acmesite"
}
