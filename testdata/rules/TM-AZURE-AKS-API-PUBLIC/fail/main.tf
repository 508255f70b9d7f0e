# expect: TM-AZURE-AKS-API-PUBLIC
resource "azurerm_kubernetes_cluster" "public" {
  name                = "aks-public"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-public"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

}

# expect: TM-AZURE-AKS-API-PUBLIC
resource "azurerm_kubernetes_cluster" "empty_ranges" {
  name                = "aks-empty"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-empty"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_access_profile {
    authorized_ip_ranges = []
  }

}
