# Azure Container Registry rules (azurerm_container_registry).

rule "TM-AZURE-ACR-ADMIN-USER" {
  title      = "Container registry admin user is enabled"
  severity   = "medium"
  stride     = ["spoofing", "tampering", "repudiation"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-2", "nist-800-53-r5:AC-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_container_registry"]
  condition  = "get(r, 'admin_enabled', false)"
  location   = "admin_enabled"
  message    = "admin_enabled is true: a shared user name and password with push and pull rights exists for the registry."
  remediation = "Set admin_enabled = false and use Entra ID identities (AcrPull / AcrPush roles) or scoped tokens."
  equivalents {
    checkov = ["CKV_AZURE_137"]
  }
  description = <<-EOT
    The admin account is a single shared credential with full push and pull rights,
    not tied to any person, and it ends up in CI variables and scripts. Whoever obtains
    it can push a backdoored image under a trusted tag, which clusters then run.
    With the admin user disabled, access goes through Entra ID identities with
    role-scoped, auditable permissions.
  EOT

  fix {
    title = "Disable the admin user"
    set {
      path  = "admin_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-ACR-PUBLIC-NETWORK" {
  title      = "Container registry is reachable from any network"
  severity   = "low"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_container_registry"]
  condition  = "get(r, 'public_network_access_enabled', true) && get(r, 'network_rule_set.default_action', 'Allow') != 'Deny'"
  location   = "public_network_access_enabled"
  message    = "The registry's public endpoint accepts connections from every network."
  remediation = "On a Premium registry set public_network_access_enabled = false with a private endpoint, or network_rule_set { default_action = \"Deny\" } with ip_rule entries."
  equivalents {
    checkov = ["CKV_AZURE_139"]
  }
  description = <<-EOT
    A registry open to all networks lets a leaked token or service principal secret
    be used from anywhere to pull proprietary images (and the secrets baked into
    them) or push poisoned ones. Restricting the registry to private endpoints or
    listed IP ranges means a stolen credential is not enough on its own. Network
    restrictions need the Premium SKU.
  EOT

  fix {
    title = "Disable public network access"
    set {
      path  = "public_network_access_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-ACR-ANONYMOUS-PULL" {
  title      = "Container registry allows anonymous pull"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-306"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 3
  resource   = ["azurerm_container_registry"]
  condition  = "get(r, 'anonymous_pull_enabled', false)"
  location   = "anonymous_pull_enabled"
  message    = "anonymous_pull_enabled is true: anyone can pull every image without credentials."
  remediation = "Set anonymous_pull_enabled = false unless the registry deliberately hosts public images."
  description = <<-EOT
    With anonymous pull, every repository in the registry can be downloaded by anyone
    who knows its name. Images often contain source code, internal endpoints and,
    too often, credentials baked into layers. Turning anonymous pull off requires an
    identity for every pull.
  EOT

  fix {
    title = "Disable anonymous pull"
    set {
      path  = "anonymous_pull_enabled"
      value = false
    }
  }
}
