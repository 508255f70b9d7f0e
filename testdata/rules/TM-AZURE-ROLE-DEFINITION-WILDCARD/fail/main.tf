data "azurerm_subscription" "primary" {}

# expect: TM-AZURE-ROLE-DEFINITION-WILDCARD
resource "azurerm_role_definition" "platform_admin" {
  name        = "platform-admin"
  scope       = data.azurerm_subscription.primary.id
  description = "Platform team administrators"

  permissions {
    actions     = ["*"]
    not_actions = ["Microsoft.Authorization/*/Delete"]
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
