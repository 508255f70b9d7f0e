resource "azurerm_disk_encryption_set" "cmk" {
  name                = "des-acme"
  resource_group_name = "rg-app"
  location            = "westeurope"
  key_vault_key_id    = "https://kv-acme.vault.azure.net/keys/disk/0123456789abcdef"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_managed_disk" "data" {
  name                   = "disk-data"
  location               = "westeurope"
  resource_group_name    = "rg-app"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = azurerm_disk_encryption_set.cmk.id
}

resource "azurerm_managed_disk" "scratch" {
  name                 = "disk-scratch"
  location             = "westeurope"
  resource_group_name  = "rg-app"
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  disk_size_gb         = 32
}
