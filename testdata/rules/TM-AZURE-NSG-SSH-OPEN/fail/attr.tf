# Attribute syntax, as some modules write it: every field present, the unused ones
# empty.
# expect: TM-AZURE-NSG-SSH-OPEN
resource "azurerm_network_security_group" "attr" {
  name                = "nsg-attr"
  location            = "westeurope"
  resource_group_name = "rg-net"

  security_rule = [
    {
      name                                       = "admin"
      description                                = ""
      priority                                   = 100
      direction                                  = "Inbound"
      access                                     = "Allow"
      protocol                                   = "Tcp"
      source_port_range                          = "*"
      source_port_ranges                         = []
      destination_port_range                     = ""
      destination_port_ranges                    = ["22"]
      source_address_prefix                      = "*"
      source_address_prefixes                    = []
      destination_address_prefix                 = "*"
      destination_address_prefixes               = []
      source_application_security_group_ids      = []
      destination_application_security_group_ids = []
    },
  ]
}
