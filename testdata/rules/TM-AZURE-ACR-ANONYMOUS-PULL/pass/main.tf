resource "azurerm_container_registry" "this" {
  name                = "acracme"
  resource_group_name = "rg-acr"
  location            = "westeurope"
  sku                 = "Standard"
}
