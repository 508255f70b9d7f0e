data "azurerm_subscription" "primary" {}

resource "azurerm_role_definition" "vm_operator" {
  name        = "vm-operator"
  scope       = data.azurerm_subscription.primary.id
  description = "Start, stop and restart virtual machines"

  permissions {
    actions = [
      "Microsoft.Compute/virtualMachines/read",
      "Microsoft.Compute/virtualMachines/start/action",
      "Microsoft.Compute/virtualMachines/powerOff/action",
      "Microsoft.Compute/virtualMachines/restart/action",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}

# Data-plane only: reading blobs, no management actions.
resource "azurerm_role_definition" "blob_reader" {
  name  = "blob-reader"
  scope = data.azurerm_subscription.primary.id

  permissions {
    actions      = []
    data_actions = ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
