variable "nic_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/nic-app"
}

variable "admin_password" {
  type      = string
  sensitive = true
}

# expect: TM-AZURE-VM-PASSWORD-AUTH
resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [var.nic_id]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
  admin_password                  = var.admin_password
  disable_password_authentication = false
}

# expect: TM-AZURE-VM-PASSWORD-AUTH
resource "azurerm_virtual_machine" "legacy" {
  name                  = "vm-legacy"
  location              = "westeurope"
  resource_group_name   = "rg-app"
  network_interface_ids = [var.nic_id]
  vm_size               = "Standard_D2s_v5"

  storage_os_disk {
    name              = "osdisk"
    create_option     = "FromImage"
    managed_disk_type = "Premium_LRS"
  }

  os_profile {
    computer_name  = "legacy"
    admin_username = "azureuser"
    admin_password = var.admin_password
  }

  os_profile_linux_config {
    disable_password_authentication = false
  }
}
