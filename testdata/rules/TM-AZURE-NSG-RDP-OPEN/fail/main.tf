# expect: TM-AZURE-NSG-RDP-OPEN
resource "azurerm_network_security_group" "inline" {
  name                = "nsg-inline"
  location            = "westeurope"
  resource_group_name = "rg-net"

  security_rule {
    name                       = "allow-admin"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "westeurope"
  resource_group_name = "rg-net"
}

# expect: TM-AZURE-NSG-RDP-OPEN
resource "azurerm_network_security_rule" "range" {
  name                        = "allow-range"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3380-3390"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg-net"
  network_security_group_name = azurerm_network_security_group.app.name
}

# expect: TM-AZURE-NSG-RDP-OPEN
resource "azurerm_network_security_rule" "lists" {
  name                        = "allow-lists"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = ["443", "3389"]
  source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"]
  destination_address_prefix  = "*"
  resource_group_name         = "rg-net"
  network_security_group_name = azurerm_network_security_group.app.name
}

locals {
  rules = {
    https = { priority = 100, port = "443", source = "Internet" }
    admin = { priority = 110, port = "3389", source = "Any" }
  }
}

# expect: TM-AZURE-NSG-RDP-OPEN
resource "azurerm_network_security_group" "dynamic" {
  name                = "nsg-dynamic"
  location            = "westeurope"
  resource_group_name = "rg-net"

  dynamic "security_rule" {
    for_each = local.rules
    content {
      name                       = security_rule.key
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value.port
      source_address_prefix      = security_rule.value.source
      destination_address_prefix = "*"
    }
  }
}
