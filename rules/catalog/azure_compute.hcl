# Azure compute rules: virtual machines (azurerm_linux_virtual_machine, scale sets,
# the legacy azurerm_virtual_machine) and managed disks.

rule "TM-AZURE-VM-PASSWORD-AUTH" {
  title      = "Linux VM allows password authentication"
  severity   = "high"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-309"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set", "azurerm_orchestrated_virtual_machine_scale_set", "azurerm_virtual_machine"]
  condition  = "res.type == 'azurerm_virtual_machine' ? all_blocks(r, 'os_profile_linux_config').exists(c, !get(c, 'disable_password_authentication', true)) : res.type == 'azurerm_orchestrated_virtual_machine_scale_set' ? all_blocks(r, 'os_profile.linux_configuration').exists(c, !get(c, 'disable_password_authentication', true)) : !get(r, 'disable_password_authentication', true)"
  location   = "disable_password_authentication"
  message    = "disable_password_authentication is false: SSH accepts passwords for the admin account."
  remediation = "Set disable_password_authentication = true and log in with admin_ssh_key (or Entra ID login)."
  equivalents {
    tfsec   = ["azure-compute-disable-password-authentication"]
    trivy   = ["AVD-AZU-0039"]
    checkov = ["CKV_AZURE_149", "CKV_AZURE_1"]
  }
  description = <<-EOT
    A password-accepting SSH daemon can be brute-forced or sprayed with leaked
    passwords by anyone who can reach it, and admin passwords are often reused or set
    in Terraform variables. With password authentication disabled, only holders of an
    authorised private key (or an Entra ID identity) can log in, which guessing cannot
    defeat.
  EOT

  fix {
    title   = "Disable password authentication"
    applies = "!(res.type in ['azurerm_virtual_machine', 'azurerm_orchestrated_virtual_machine_scale_set'])"
    set {
      path  = "disable_password_authentication"
      value = true
    }
  }
  fix {
    title   = "Disable password authentication"
    applies = "res.type == 'azurerm_virtual_machine'"
    set {
      path  = "os_profile_linux_config.disable_password_authentication"
      value = true
    }
  }
  fix {
    title   = "Disable password authentication"
    applies = "res.type == 'azurerm_orchestrated_virtual_machine_scale_set'"
    set {
      path  = "os_profile.linux_configuration.disable_password_authentication"
      value = true
    }
  }
}

rule "TM-AZURE-VM-CUSTOM-DATA-SECRET" {
  title      = "VM custom_data contains a secret"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set"]
  applies    = "has(r.custom_data)"
  condition  = "looks_secret(r.custom_data) || (r.custom_data.matches('^[A-Za-z0-9+/=]+$') && looks_secret(b64decode(r.custom_data)))"
  location   = "custom_data"
  message    = "custom_data (cloud-init / startup data) appears to contain a credential."
  remediation = "Keep secrets in Key Vault and let the VM read them with its managed identity at boot."
  equivalents {
    tfsec   = ["azure-compute-no-secrets-in-custom-data"]
    trivy   = ["AVD-AZU-0037"]
    checkov = ["CKV_AZURE_45"]
  }
  description = <<-EOT
    custom_data is stored in the VM model and on the disk in clear, is readable from
    the instance metadata service by any process on the VM, and is kept in Terraform
    state. A password or key placed there is exposed to everyone who can read any of
    those. Fetching the secret from Key Vault with the VM's managed identity keeps it
    out of the VM definition and lets it be rotated.
  EOT
}

rule "TM-AZURE-DISK-ENCRYPTION-DISABLED" {
  title      = "Managed disk has Azure Disk Encryption turned off"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_managed_disk"]
  condition  = "all_blocks(r, 'encryption_settings').exists(e, !get(e, 'enabled', true))"
  location   = "encryption_settings"
  message    = "encryption_settings.enabled is false."
  remediation = "Remove encryption_settings { enabled = false }, or configure it with a disk_encryption_key in Key Vault; for customer-managed keys set disk_encryption_set_id."
  equivalents {
    tfsec   = ["azure-compute-enable-disk-encryption"]
    trivy   = ["AVD-AZU-0038"]
    checkov = ["CKV_AZURE_2"]
  }
  description = <<-EOT
    Explicitly disabling disk encryption settings leaves the disk protected only by
    platform-managed server-side encryption, with no key you control: a copied
    snapshot or exported VHD is readable by whoever obtains the SAS. Azure Disk
    Encryption (or a disk encryption set with a customer-managed key) ties reading the
    data to a key in your Key Vault, which you can audit and revoke.
  EOT

  fix {
    title = "Enable disk encryption settings"
    set {
      path  = "encryption_settings.enabled"
      value = true
    }
  }
}

rule "TM-AZURE-VM-ENCRYPTION-AT-HOST" {
  title      = "VM does not use encryption at host"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 1
  impact     = 3
  resource   = ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set"]
  condition  = "!get(r, 'encryption_at_host_enabled', false)"
  location   = "encryption_at_host_enabled"
  message    = "encryption_at_host_enabled is not true: temporary disks and disk caches are stored unencrypted on the host."
  remediation = "Set encryption_at_host_enabled = true (register the EncryptionAtHost feature in the subscription first)."
  description = <<-EOT
    Server-side encryption covers managed disks at rest, but not the VM's temporary
    disk or the OS/data disk caches kept on the physical host. Encryption at host
    encrypts those too, end to end into storage, so data that passes through the host
    is never at rest in clear. This is defence in depth, hence the low severity.
  EOT

  fix {
    title = "Enable encryption at host"
    set {
      path  = "encryption_at_host_enabled"
      value = true
    }
  }
}
