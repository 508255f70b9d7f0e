# Azure App Service rules for web and function apps: the current resources
# (azurerm_linux_web_app, azurerm_windows_web_app, the function apps and their
# slots) keep TLS settings in site_config { minimum_tls_version }, the legacy
# azurerm_app_service / azurerm_function_app in site_config { min_tls_version }.
# Defaults differ too: ftps_state defaults to "Disabled" on the current resources
# and to Azure's "AllAllowed" on the legacy ones.

rule "TM-AZURE-APPSERVICE-HTTPS-ONLY" {
  title      = "App Service accepts plain HTTP"
  severity   = "high"
  stride     = ["information-disclosure", "tampering", "spoofing"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot", "azurerm_app_service", "azurerm_function_app"]
  condition  = "!get(r, 'https_only', false)"
  location   = "https_only"
  message    = "https_only is not true (the default is false): the app answers plain HTTP requests."
  remediation = "Set https_only = true so that HTTP requests are redirected to HTTPS."
  equivalents {
    tfsec   = ["azure-appservice-enforce-https"]
    trivy   = ["AVD-AZU-0004"]
    checkov = ["CKV_AZURE_14"]
  }
  description = <<-EOT
    Over plain HTTP, session cookies, bearer tokens and form posts travel in clear
    text: anyone on the path (public Wi-Fi, a compromised router) can read them,
    hijack sessions or inject content into pages. With `https_only = true` App Service
    redirects every HTTP request to HTTPS before it reaches the application.
  EOT

  fix {
    title = "Redirect HTTP to HTTPS"
    set {
      path  = "https_only"
      value = true
    }
  }
}

rule "TM-AZURE-APPSERVICE-MIN-TLS" {
  title      = "App Service accepts TLS below 1.2"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot", "azurerm_app_service", "azurerm_function_app"]
  condition  = "string(get(r, res.type in ['azurerm_app_service', 'azurerm_function_app'] ? 'site_config.min_tls_version' : 'site_config.minimum_tls_version', '1.2')) in ['1.0', '1.1']"
  location   = "site_config"
  message    = "The app accepts TLS 1.0/1.1 connections."
  remediation = "Set site_config { minimum_tls_version = \"1.2\" } (min_tls_version on the legacy resources); 1.2 is the default."
  equivalents {
    tfsec   = ["azure-appservice-use-secure-tls-policy"]
    trivy   = ["AVD-AZU-0006"]
    checkov = ["CKV_AZURE_15"]
  }
  description = <<-EOT
    TLS 1.0 and 1.1 have known weaknesses and are refused by current browsers; only
    old or deliberately downgraded clients use them, and their sessions can be
    decrypted or tampered with by an attacker on the path. Requiring TLS 1.2 makes the
    front end refuse those handshakes.
  EOT

  fix {
    title   = "Require TLS 1.2"
    applies = "res.type in ['azurerm_app_service', 'azurerm_function_app']"
    set {
      path  = "site_config.min_tls_version"
      value = "1.2"
    }
  }
  fix {
    title = "Require TLS 1.2"
    set {
      path  = "site_config.minimum_tls_version"
      value = "1.2"
    }
  }
}

rule "TM-AZURE-APPSERVICE-FTP" {
  title      = "App Service allows plain FTP deployment"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:2.2.5", "pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot", "azurerm_app_service", "azurerm_function_app"]
  condition  = "get(r, 'site_config.ftps_state', res.type in ['azurerm_app_service', 'azurerm_function_app'] ? 'AllAllowed' : 'Disabled') == 'AllAllowed'"
  location   = "site_config"
  message    = "ftps_state is AllAllowed: deployment credentials and code can be sent over unencrypted FTP."
  remediation = "Set site_config { ftps_state = \"Disabled\" } (or \"FtpsOnly\" if FTP deployment is still needed)."
  equivalents {
    checkov = ["CKV_AZURE_78"]
  }
  description = <<-EOT
    Plain FTP sends the deployment user name and password and every uploaded file in
    clear text. Someone who captures them can upload their own code to the app: a web
    shell or a credential-stealing page served from your domain. Disabling FTP (or
    allowing only FTPS) removes that path.
  EOT

  fix {
    title = "Disable FTP"
    set {
      path  = "site_config.ftps_state"
      value = "Disabled"
    }
  }
}

rule "TM-AZURE-APPSERVICE-REMOTE-DEBUGGING" {
  title      = "App Service has remote debugging enabled"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-489"]
  compliance = ["pci-dss-4.0:2.2.5", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot", "azurerm_app_service", "azurerm_function_app"]
  condition  = "get(r, 'site_config.remote_debugging_enabled', false)"
  location   = "site_config"
  message    = "site_config.remote_debugging_enabled is true: the debugger ports are open on the app."
  remediation = "Set site_config { remote_debugging_enabled = false } and turn it on only temporarily, outside Terraform."
  equivalents {
    checkov = ["CKV_AZURE_72"]
  }
  description = <<-EOT
    Remote debugging opens extra inbound ports to the worker and lets an attached
    debugger read memory (secrets, tokens, customer data) and change the running code.
    Left on, it is an unneeded, powerful attack surface guarded only by publishing
    credentials. Keeping it off in the deployed configuration closes it.
  EOT

  fix {
    title = "Disable remote debugging"
    set {
      path  = "site_config.remote_debugging_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-APPSERVICE-MANAGED-IDENTITY" {
  title      = "App Service has no managed identity"
  severity   = "low"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_app_service", "azurerm_function_app"]
  condition  = "!has(r.identity) || size(r.identity) == 0"
  location   = "identity"
  message    = "The app has no managed identity, so it must hold stored credentials to call other Azure services."
  remediation = "Add identity { type = \"SystemAssigned\" } (or a user-assigned identity) and grant it roles instead of storing keys in app settings."
  equivalents {
    tfsec   = ["azure-appservice-account-identity-registered"]
    trivy   = ["AVD-AZU-0002"]
    checkov = ["CKV_AZURE_16", "CKV_AZURE_71"]
  }
  description = <<-EOT
    Without a managed identity, an app that talks to storage, databases or Key Vault
    needs connection strings or keys in its settings, where they are visible to anyone
    with read access to the app's configuration and tend to leak into logs and
    repositories. A managed identity gets short-lived tokens from Entra ID that are
    never stored, scoped by role assignments and revocable.
  EOT

  fix {
    title = "Add a system-assigned identity"
    set {
      path  = "identity.type"
      value = "SystemAssigned"
    }
  }
}
