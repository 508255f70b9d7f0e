# Microsoft Defender for Cloud rules: plan tiers and security contact notifications.

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
