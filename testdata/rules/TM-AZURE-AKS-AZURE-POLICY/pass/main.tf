resource "azurerm_kubernetes_cluster" "governed" {
  name                = "aks-governed"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-governed"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  azure_policy_enabled = true

}
