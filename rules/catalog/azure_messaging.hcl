# Azure messaging rules: Service Bus and Event Hubs namespaces. Service Bus names
# the SAS switch local_auth_enabled, Event Hubs local_authentication_enabled; both
# default to true.

rule "TM-AZURE-MESSAGING-LOCAL-AUTH" {
  title      = "Service Bus / Event Hubs namespace accepts SAS keys"
  severity   = "low"
  stride     = ["spoofing", "repudiation"]
  cwe        = ["CWE-287"]
  compliance = ["nist-800-53-r5:IA-2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_servicebus_namespace", "azurerm_eventhub_namespace"]
  condition  = "res.type == 'azurerm_servicebus_namespace' ? get(r, 'local_auth_enabled', true) : get(r, 'local_authentication_enabled', true)"
  location   = "local_auth_enabled"
  message    = "Shared access signature (SAS) key authentication is enabled (the default)."
  remediation = "Disable local (SAS) authentication and grant senders and receivers Entra ID roles (Azure Service Bus / Event Hubs Data Sender and Data Receiver)."
  description = <<-EOT
    SAS keys are long-lived shared secrets, usually with Manage or Send+Listen
    rights on the whole namespace, that end up in connection strings and
    configuration files. Whoever copies one can read every queue or event stream, or
    inject forged messages that downstream services trust, and the logs show no
    identity. With local authentication disabled, every client authenticates with
    Entra ID and gets only the roles assigned to it.
  EOT

  fix {
    title   = "Disable SAS key authentication"
    applies = "res.type == 'azurerm_servicebus_namespace'"
    set {
      path  = "local_auth_enabled"
      value = false
    }
  }
  fix {
    title   = "Disable SAS key authentication"
    applies = "res.type == 'azurerm_eventhub_namespace'"
    set {
      path  = "local_authentication_enabled"
      value = false
    }
  }
}
