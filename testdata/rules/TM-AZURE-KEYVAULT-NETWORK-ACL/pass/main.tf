variable "allowed_ips" {
  type    = list(string)
  default = ["203.0.113.0/28"]
}

resource "azurerm_key_vault" "firewalled" {
  name                     = "kv-acme-fw"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = var.allowed_ips
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "kv-acme-private"
  location                      = "westeurope"
  resource_group_name           = "rg-sec"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

variable "network_acls" {
  type = object({
    bypass         = string
    default_action = string
  })
  default = {
    bypass         = "None"
    default_action = "Deny"
  }
}

resource "azurerm_key_vault" "dynamic" {
  name                     = "kv-acme-dyn"
  location                 = "westeurope"
  resource_group_name      = "rg-sec"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true

  dynamic "network_acls" {
    for_each = var.network_acls != null ? [var.network_acls] : []
    content {
      bypass         = network_acls.value.bypass
      default_action = network_acls.value.default_action
    }
  }
}
