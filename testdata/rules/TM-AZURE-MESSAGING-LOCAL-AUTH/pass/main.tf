resource "azurerm_servicebus_namespace" "orders" {
  name                = "sb-acme-orders"
  location            = "westeurope"
  resource_group_name = "rg-msg"
  sku                 = "Premium"
  capacity            = 1
  local_auth_enabled  = false
  minimum_tls_version = "1.2"
}

variable "eventhub_local_auth" {
  type    = bool
  default = false
}

resource "azurerm_eventhub_namespace" "telemetry" {
  name                         = "evh-acme-telemetry"
  location                     = "westeurope"
  resource_group_name          = "rg-msg"
  sku                          = "Standard"
  local_authentication_enabled = var.eventhub_local_auth
}
