variable "private_cluster_enabled" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "this" {
  name                    = "aks-unknown"
  location                = "westeurope"
  resource_group_name     = "rg-aks"
  dns_prefix              = "aks-unknown"
  private_cluster_enabled = var.private_cluster_enabled

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }
}
