variable "nic_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/nic-app"
}

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

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMq0Jm2uBhXw9n8dXb0gH0K9Wc1z5v4pZr3yT2sQe7Lk ops@acme"
  }
}

resource "azurerm_linux_virtual_machine" "explicit" {
  name                  = "vm-explicit"
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
  disable_password_authentication = true

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMq0Jm2uBhXw9n8dXb0gH0K9Wc1z5v4pZr3yT2sQe7Lk ops@acme"
  }
}
