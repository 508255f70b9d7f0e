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

resource "azurerm_kubernetes_cluster" "entra" {
  name                = "aks-entra"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-entra"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  role_based_access_control_enabled = true
  local_account_disabled            = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["22222222-2222-2222-2222-222222222222"]
  }

}

# azurerm 2.x form.
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
    enabled = true

    azure_active_directory {
      managed                = true
      admin_group_object_ids = ["22222222-2222-2222-2222-222222222222"]
    }
  }
}
