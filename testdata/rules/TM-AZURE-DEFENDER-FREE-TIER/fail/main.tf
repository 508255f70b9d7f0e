# expect: TM-AZURE-DEFENDER-FREE-TIER
resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = "Free"
  resource_type = "VirtualMachines"
}

variable "defender_plans" {
  type    = set(string)
  default = ["StorageAccounts", "SqlServers"]
}

variable "defender_tier" {
  type    = string
  default = "Free"
}

# expect: TM-AZURE-DEFENDER-FREE-TIER x2
resource "azurerm_security_center_subscription_pricing" "plans" {
  for_each = var.defender_plans

  tier          = var.defender_tier
  resource_type = each.value
}
