resource "azurerm_storage_account" "inline" {
  name                     = "acmeinline"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    ip_rules                   = ["203.0.113.10"]
    virtual_network_subnet_ids = [var.subnet_id]
  }
}

variable "subnet_id" {
  type = string
}

# Azure Verified Modules style: the rules live in their own resource.
resource "azurerm_storage_account" "split" {
  name                     = "acmesplit"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "split" {
  storage_account_id         = azurerm_storage_account.split.id
  default_action             = "Deny"
  bypass                     = ["AzureServices", "Logging", "Metrics"]
  virtual_network_subnet_ids = [var.subnet_id]
}

resource "azurerm_storage_account" "private" {
  name                          = "acmeprivate"
  resource_group_name           = "rg-app"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

variable "network_rules" {
  type = object({
    default_action = string
    ip_rules       = list(string)
  })
  default = {
    default_action = "Deny"
    ip_rules       = ["198.51.100.0/24"]
  }
}

resource "azurerm_storage_account" "dynamic" {
  name                     = "acmedynamic"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  dynamic "network_rules" {
    for_each = var.network_rules == null ? [] : [var.network_rules]
    content {
      default_action = network_rules.value.default_action
      ip_rules       = network_rules.value.ip_rules
    }
  }
}
