# Azure Key Vault rules: recoverability, network exposure, and expiry of keys and
# secrets.

rule "TM-AZURE-KEYVAULT-PURGE-PROTECTION" {
  title      = "Key Vault has no purge protection"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["pci-dss-4.0:3.6.1", "nist-800-53-r5:SC-12", "nist-800-53-r5:CP-9", "dora:art12", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 5
  resource   = ["azurerm_key_vault"]
  condition  = "!get(r, 'purge_protection_enabled', false)"
  location   = "purge_protection_enabled"
  message    = "purge_protection_enabled is not true: a deleted vault, key or secret can be purged before the retention period ends."
  remediation = "Set purge_protection_enabled = true (it cannot be turned off again)."
  equivalents {
    tfsec   = ["azure-keyvault-no-purge"]
    trivy   = ["AVD-AZU-0016"]
    checkov = ["CKV_AZURE_110", "CKV_AZURE_42"]
  }
  description = <<-EOT
    Soft delete keeps deleted vaults, keys and secrets recoverable, but without purge
    protection anyone holding the purge permission (a compromised admin, a malicious
    insider, ransomware acting with a stolen identity) can delete and immediately
    purge them. Data encrypted with a purged key is lost for good. With purge
    protection, deleted objects stay recoverable for the whole retention period
    whatever the caller's permissions.
  EOT

  fix {
    title = "Enable purge protection"
    set {
      path  = "purge_protection_enabled"
      value = true
    }
  }
}

rule "TM-AZURE-KEYVAULT-NETWORK-ACL" {
  title      = "Key Vault accepts traffic from any network"
  severity   = "medium"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 5
  resource   = ["azurerm_key_vault"]
  applies    = "get(r, 'public_network_access_enabled', true)"
  condition  = "get(r, 'network_acls.default_action', 'Allow') != 'Deny'"
  location   = "network_acls"
  message    = "The vault's firewall allows every network (no network_acls, or default_action = \"Allow\")."
  remediation = "Add network_acls { default_action = \"Deny\"  bypass = \"AzureServices\" } listing ip_rules / virtual_network_subnet_ids, or disable public network access and use a private endpoint."
  equivalents {
    tfsec   = ["azure-keyvault-specify-network-acl"]
    trivy   = ["AVD-AZU-0013"]
    checkov = ["CKV_AZURE_109"]
  }
  description = <<-EOT
    A vault reachable from every network lets a stolen token, client secret or
    certificate of an identity with vault access be used from the attacker's own
    infrastructure to read secrets and use keys. With `default_action = "Deny"`, only
    the listed IP ranges and subnets (and trusted Azure services, with the bypass)
    reach the data plane, so a leaked credential alone is not enough. The rule is
    quiet when `public_network_access_enabled = false`.
  EOT

  fix {
    title = "Deny by default in the vault firewall"
    set {
      path  = "network_acls.default_action"
      value = "Deny"
    }
    set {
      path  = "network_acls.bypass"
      value = "AzureServices"
    }
  }
}

rule "TM-AZURE-KEYVAULT-KEY-EXPIRY" {
  title      = "Key Vault key has no expiry"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-324"]
  compliance = ["pci-dss-4.0:3.7.4", "nist-800-53-r5:SC-12", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_key_vault_key"]
  condition  = "!has(r.expiration_date) && get(r, 'rotation_policy.expire_after', '') == ''"
  location   = "expiration_date"
  message    = "The key has neither expiration_date nor a rotation_policy with expire_after: it stays usable forever."
  remediation = "Add a rotation_policy { automatic { time_before_expiry = \"P30D\" }  expire_after = \"P90D\" } or set expiration_date."
  equivalents {
    tfsec   = ["azure-keyvault-ensure-key-expiry"]
    trivy   = ["AVD-AZU-0014"]
    checkov = ["CKV_AZURE_40"]
  }
  description = <<-EOT
    A key that never expires accumulates exposure: the longer it is used, the more
    data it protects and the more chances it has to leak (exports, backups,
    over-broad access policies). An expiry forces a cryptoperiod; with a rotation
    policy Key Vault creates new versions automatically before the old one expires,
    so a compromised version is only useful for a bounded time.
  EOT

  fix {
    title = "Rotate the key every 90 days"
    set {
      path  = "rotation_policy.automatic.time_before_expiry"
      value = "P30D"
    }
    set {
      path  = "rotation_policy.expire_after"
      value = "P90D"
    }
    set {
      path  = "rotation_policy.notify_before_expiry"
      value = "P29D"
    }
  }
}

rule "TM-AZURE-KEYVAULT-SECRET-EXPIRY" {
  title      = "Key Vault secret has no expiry"
  severity   = "low"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-324"]
  compliance = ["nist-800-53-r5:IA-5", "nist-800-53-r5:SC-12", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_key_vault_secret"]
  condition  = "!has(r.expiration_date)"
  location   = "expiration_date"
  message    = "The secret has no expiration_date."
  remediation = "Set expiration_date (RFC 3339, for example \"2026-12-31T00:00:00Z\") and rotate the secret before it."
  equivalents {
    tfsec   = ["azure-keyvault-ensure-secret-expiry"]
    trivy   = ["AVD-AZU-0017"]
    checkov = ["CKV_AZURE_41"]
  }
  description = <<-EOT
    Secrets without an expiry tend to live for years: passwords and API keys get
    copied into scripts and laptops, and nothing forces anyone to rotate them. An
    attacker who obtains one keeps access until someone notices. An expiration date
    makes the secret's lifetime explicit and lets Event Grid and Azure Policy warn
    before it lapses, so rotation happens on schedule.
  EOT
}

rule "TM-AZURE-KEYVAULT-RBAC" {
  title      = "Key Vault uses access policies instead of Azure RBAC"
  severity   = "low"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_key_vault"]
  condition  = "!get(r, 'enable_rbac_authorization', false) && !get(r, 'rbac_authorization_enabled', false)"
  location   = "enable_rbac_authorization"
  message    = "The vault's data plane is governed by access policies, not Azure RBAC."
  remediation = "Set enable_rbac_authorization = true (rbac_authorization_enabled in recent azurerm 4 releases) and replace access policies with role assignments such as Key Vault Secrets User."
  description = <<-EOT
    Access policies grant permissions for the whole vault and can be changed by
    anyone with the Contributor role on the vault, who can thus grant themselves every
    secret. With Azure RBAC, data access is a role assignment that can be scoped to a
    single secret or key, is governed by Privileged Identity Management and
    Conditional Access, and changing it needs an owner or User Access Administrator.
    Migrate the existing access policies to role assignments before switching.
  EOT

  fix {
    title   = "Use Azure RBAC for data-plane access"
    applies = "has(r.rbac_authorization_enabled)"
    set {
      path  = "rbac_authorization_enabled"
      value = true
    }
  }
  fix {
    title = "Use Azure RBAC for data-plane access"
    set {
      path  = "enable_rbac_authorization"
      value = true
    }
  }
}
