# expect: TM-AZURE-ACR-PUBLIC-NETWORK
resource "azurerm_container_registry" "basic" {
  name                = "acracme"
  resource_group_name = "rg-acr"
  location            = "westeurope"
  sku                 = "Basic"
}
