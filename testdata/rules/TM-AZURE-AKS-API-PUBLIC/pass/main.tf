resource "azurerm_kubernetes_cluster" "private" {
  name                = "aks-private"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-private"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  private_cluster_enabled = true

}

variable "api_allowed_ranges" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}

resource "azurerm_kubernetes_cluster" "authorized" {
  name                = "aks-authorized"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-authorized"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_access_profile {
    authorized_ip_ranges = var.api_allowed_ranges
  }

}

# azurerm 3 form
resource "azurerm_kubernetes_cluster" "v3" {
  name                = "aks-v3"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-v3"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_authorized_ip_ranges = ["198.51.100.0/24"]

}
