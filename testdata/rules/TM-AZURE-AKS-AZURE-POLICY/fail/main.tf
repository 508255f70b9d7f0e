# expect: TM-AZURE-AKS-AZURE-POLICY
resource "azurerm_kubernetes_cluster" "default" {
  name                = "aks-default"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-default"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

}
