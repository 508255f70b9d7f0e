resource "azurerm_kubernetes_cluster" "azure" {
  name                = "aks-azure"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-azure"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

}

resource "azurerm_kubernetes_cluster" "cilium" {
  name                = "aks-cilium"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-cilium"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
  }

}

variable "network_policy" {
  type    = string
  default = "calico"
}

resource "azurerm_kubernetes_cluster" "calico" {
  name                = "aks-calico"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-calico"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = var.network_policy
  }

}
