# No default and no tfvars: the value is unknown, so the rule is undecided, not open.
variable "tls_unset" {
  type = string
}

resource "azurerm_storage_account" "unknown" {
  name                     = "acmeunknown"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = var.tls_unset
}
