# Microsoft Defender for Cloud rules (plan tiers, security contact notifications) and
# Azure RBAC custom role definitions.

rule "TM-AZURE-DEFENDER-FREE-TIER" {
  title      = "Microsoft Defender plan is on the Free tier"
  severity   = "low"
  stride     = ["repudiation", "elevation-of-privilege"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:SI-4", "nist-800-53-r5:RA-5", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_security_center_subscription_pricing"]
  condition  = "get(r, 'tier', '') == 'Free'"
  location   = "tier"
  message    = "This Defender for Cloud plan is on the Free tier: no threat detection for these resources."
  remediation = "Set tier = \"Standard\" for the resource types you run."
  equivalents {
    tfsec   = ["azure-securitycenter-enable-standard-subscription"]
    trivy   = ["AVD-AZU-0045"]
    checkov = ["CKV_AZURE_19"]
  }
  description = <<-EOT
    The Free tier only assesses configuration. Without the Standard plan, Defender
    does not raise alerts for the attacks themselves: brute force against VMs,
    suspicious SQL queries, crypto-mining in containers, access to storage from Tor
    exit nodes. An intrusion then goes unnoticed until its effects show. The Standard
    tier adds those detections for the resource type it covers.
  EOT

  fix {
    title = "Use the Standard tier"
    set {
      path  = "tier"
      value = "Standard"
    }
  }
}

rule "TM-AZURE-SECURITY-CONTACT-ALERTS" {
  title      = "Defender alert e-mails are turned off"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:SI-4", "nist-800-53-r5:IR-6", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_security_center_contact"]
  condition  = "!get(r, 'alert_notifications', false)"
  location   = "alert_notifications"
  message    = "alert_notifications is false: high-severity Defender alerts are not e-mailed to the security contact."
  remediation = "Set alert_notifications = true (and alerts_to_admins = true)."
  equivalents {
    checkov = ["CKV_AZURE_21"]
  }
  description = <<-EOT
    Defender for Cloud alerts that nobody receives do not stop an attack: they sit in
    the portal while the attacker proceeds. E-mailing high-severity alerts to the
    security contact lets someone respond while the intrusion is still early.
  EOT

  fix {
    title = "Send alert e-mails"
    set {
      path  = "alert_notifications"
      value = true
    }
  }
}

rule "TM-AZURE-ROLE-DEFINITION-WILDCARD" {
  title      = "Custom Azure role allows every action"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-269"]
  compliance = ["pci-dss-4.0:7.2.1", "pci-dss-4.0:7.2.2", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 5
  resource   = ["azurerm_role_definition"]
  condition  = "all_blocks(r, 'permissions').exists(p, '*' in get(p, 'actions', []))"
  location   = "permissions"
  message    = "The role's permissions allow actions = [\"*\"]: it is a custom owner role for its scope."
  remediation = "List the resource provider operations the role needs (\"Microsoft.Storage/storageAccounts/read\", ...) or use a built-in role such as Contributor or Reader."
  equivalents {
    tfsec   = ["azure-authorization-limit-role-actions"]
    trivy   = ["AVD-AZU-0030"]
    checkov = ["CKV_AZURE_39"]
  }
  description = <<-EOT
    A custom role with `actions = ["*"]` can do everything at its assignable scopes:
    create and delete any resource, read storage and Key Vault keys through management
    operations, and, through `Microsoft.Authorization/*`, grant itself or others any
    role. Custom owner roles are also easy to miss in access reviews that look for the
    built-in Owner role. Whoever holds an assignment of it, or compromises such a
    principal, controls the subscription or management group. Listing the operations
    the role needs keeps it least-privilege.
  EOT
}
