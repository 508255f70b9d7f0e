variable "nic_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/nic-app"
}

# expect: TM-AZURE-VM-ENCRYPTION-AT-HOST
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

# expect: TM-AZURE-VM-ENCRYPTION-AT-HOST
resource "azurerm_windows_virtual_machine" "win" {
  name                       = "vm-win"
  resource_group_name        = "rg-app"
  location                   = "westeurope"
  size                       = "Standard_D2s_v5"
  admin_username             = "azureadmin"
  admin_password             = "ChangeMe-in-KeyVault"
  network_interface_ids      = [var.nic_id]
  encryption_at_host_enabled = false

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}
