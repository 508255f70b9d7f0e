resource "azurerm_container_registry" "default" {
  name                = "acracme"
  resource_group_name = "rg-acr"
  location            = "westeurope"
  sku                 = "Standard"
}

resource "azurerm_container_registry" "explicit" {
  name                = "acracme2"
  resource_group_name = "rg-acr"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = false
}
