data "azurerm_subscription" "primary" {}

variable "role_actions" {
  type = list(string)
}

resource "azurerm_role_definition" "custom" {
  name  = "custom"
  scope = data.azurerm_subscription.primary.id

  permissions {
    actions = var.role_actions
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
