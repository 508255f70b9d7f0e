resource "azurerm_storage_account" "this" {
  name                            = "acmeprivate"
  resource_group_name             = "rg-app"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
}

variable "allow_public_blobs" {
  type    = bool
  default = false
}

resource "azurerm_storage_account" "from_var" {
  name                            = "acmefromvar"
  resource_group_name             = "rg-app"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = var.allow_public_blobs
}
