# expect: TM-AZURE-NSG-DB-PORT-OPEN
resource "azurerm_network_security_group" "db" {
  name                = "nsg-db"
  location            = "westeurope"
  resource_group_name = "rg-net"

  security_rule {
    name                       = "sql"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "1433"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "westeurope"
  resource_group_name = "rg-net"
}

# expect: TM-AZURE-NSG-DB-PORT-OPEN
resource "azurerm_network_security_rule" "data" {
  name                        = "allow-data"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5432", "6379"]
  source_address_prefix       = "0.0.0.0/0"
  destination_address_prefix  = "*"
  resource_group_name         = "rg-net"
  network_security_group_name = azurerm_network_security_group.app.name
}
