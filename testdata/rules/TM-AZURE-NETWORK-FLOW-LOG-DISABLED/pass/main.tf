resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "westeurope"
  resource_group_name = "rg-net"
}

resource "azurerm_storage_account" "logs" {
  name                     = "acmeflowlogs"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

variable "flow_logs_enabled" {
  type    = bool
  default = true
}

resource "azurerm_network_watcher_flow_log" "app" {
  name                      = "fl-app"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.app.id
  storage_account_id        = azurerm_storage_account.logs.id
  enabled                   = var.flow_logs_enabled

  retention_policy {
    enabled = true
    days    = 90
  }
}
