locals {
  defender_plans = toset(["VirtualMachines", "StorageAccounts", "SqlServers", "KeyVaults", "Containers"])
}

resource "azurerm_security_center_subscription_pricing" "plans" {
  for_each = local.defender_plans

  tier          = "Standard"
  resource_type = each.value
}
