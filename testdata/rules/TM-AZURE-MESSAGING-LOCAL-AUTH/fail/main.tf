# expect: TM-AZURE-MESSAGING-LOCAL-AUTH
resource "azurerm_servicebus_namespace" "orders" {
  name                = "sb-acme-orders"
  location            = "westeurope"
  resource_group_name = "rg-msg"
  sku                 = "Standard"
}

# expect: TM-AZURE-MESSAGING-LOCAL-AUTH
resource "azurerm_eventhub_namespace" "telemetry" {
  name                         = "evh-acme-telemetry"
  location                     = "westeurope"
  resource_group_name          = "rg-msg"
  sku                          = "Standard"
  local_authentication_enabled = true
}
