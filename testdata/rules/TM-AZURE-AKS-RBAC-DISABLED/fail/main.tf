# expect: TM-AZURE-AKS-RBAC-DISABLED
resource "azurerm_kubernetes_cluster" "norbac" {
  name                = "aks-norbac"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-norbac"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  role_based_access_control_enabled = false

}

# azurerm 2.x form of the same setting.
# expect: TM-AZURE-AKS-RBAC-DISABLED
resource "azurerm_kubernetes_cluster" "legacy" {
  name                = "aks-legacy"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-legacy"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  role_based_access_control {
    enabled = false
  }
}
