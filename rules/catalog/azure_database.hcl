# Azure database rules: Azure SQL (azurerm_mssql_server and its firewall rules and
# auditing policy), and the PostgreSQL / MySQL / MariaDB servers (single and
# flexible) with their firewall rules and transport settings.
#
# Auditing is a separate resource since azurerm 3.0
# (azurerm_mssql_server_extended_auditing_policy); it reaches the server's rule
# through related().

rule "TM-AZURE-SQL-PUBLIC-NETWORK" {
  title      = "Azure SQL server is reachable from public networks"
  severity   = "medium"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_mssql_server"]
  condition  = "get(r, 'public_network_access_enabled', true)"
  location   = "public_network_access_enabled"
  message    = "public_network_access_enabled is true (the provider default): the server's public endpoint accepts connections allowed by its firewall rules."
  remediation = "Set public_network_access_enabled = false and connect through a private endpoint."
  equivalents {
    tfsec   = ["azure-database-no-public-access"]
    trivy   = ["AVD-AZU-0022"]
    checkov = ["CKV_AZURE_113"]
  }
  description = <<-EOT
    With the public endpoint on, the server is one firewall rule away from the
    internet, and the "Allow Azure services" rule already opens it to every Azure
    tenant. Attackers password-spray SQL logins and exploit leaked connection
    strings from anywhere those rules allow. Disabling public network access makes the
    server reachable only through private endpoints inside your virtual networks.
  EOT

  fix {
    title = "Disable public network access"
    set {
      path  = "public_network_access_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-DB-PUBLIC-NETWORK" {
  title      = "Azure MySQL, PostgreSQL or MariaDB server is reachable from public networks"
  severity   = "medium"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_mysql_server", "azurerm_postgresql_server", "azurerm_mariadb_server"]
  condition  = "get(r, 'public_network_access_enabled', true)"
  location   = "public_network_access_enabled"
  message    = "public_network_access_enabled is true (the provider default): the server's public endpoint accepts connections allowed by its firewall rules."
  remediation = "Set public_network_access_enabled = false and connect through a private endpoint."
  equivalents {
    tfsec   = ["azure-database-no-public-access"]
    trivy   = ["AVD-AZU-0022"]
  }
  description = <<-EOT
    A single server with its public endpoint on is one firewall rule away from the
    internet, and the "Allow Azure services" rule opens it to every Azure tenant.
    Attackers password-spray database logins and use leaked connection strings from
    anywhere those rules allow. With public network access off, the server answers
    only through private endpoints inside your virtual networks.
  EOT

  fix {
    title = "Disable public network access"
    set {
      path  = "public_network_access_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-DB-FIREWALL-ALL" {
  title      = "Database firewall rule allows the whole internet"
  severity   = "critical"
  stride     = ["information-disclosure", "spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-azure-2.0:4.1.2"]
  likelihood = 4
  impact     = 5
  resource   = ["azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule", "azurerm_postgresql_firewall_rule", "azurerm_postgresql_flexible_server_firewall_rule", "azurerm_mysql_firewall_rule", "azurerm_mysql_flexible_server_firewall_rule", "azurerm_mariadb_firewall_rule"]
  condition  = "get(r, 'start_ip_address', '') == '0.0.0.0' && get(r, 'end_ip_address', '') == '255.255.255.255'"
  location   = "end_ip_address"
  message    = "The firewall rule allows 0.0.0.0–255.255.255.255: every address on the internet."
  remediation = "Allow only the client ranges that need the database, or disable public access and use a private endpoint."
  equivalents {
    tfsec   = ["azure-database-no-public-firewall-access"]
    trivy   = ["AVD-AZU-0029"]
    checkov = ["CKV_AZURE_11"]
  }
  description = <<-EOT
    A rule from 0.0.0.0 to 255.255.255.255 turns the database firewall off. The
    server's login endpoint is then scanned and password-sprayed from everywhere, and
    any leaked connection string is immediately usable by whoever finds it. Allowing
    only known client ranges (or using private endpoints) means an attacker must
    first get into your network.
  EOT
}

rule "TM-AZURE-DB-FIREWALL-AZURE-SERVICES" {
  title      = "Database firewall allows all Azure services"
  severity   = "medium"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule", "azurerm_postgresql_firewall_rule", "azurerm_postgresql_flexible_server_firewall_rule", "azurerm_mysql_firewall_rule", "azurerm_mysql_flexible_server_firewall_rule", "azurerm_mariadb_firewall_rule"]
  condition  = "get(r, 'start_ip_address', '') == '0.0.0.0' && get(r, 'end_ip_address', '') == '0.0.0.0'"
  location   = "start_ip_address"
  message    = "The 0.0.0.0–0.0.0.0 rule (\"Allow Azure services\") admits connections from any Azure subscription, not only yours."
  remediation = "Remove the rule; reach the database through a private endpoint or virtual network rules for your own subnets."
  description = <<-EOT
    The special rule 0.0.0.0–0.0.0.0 lets every resource running in Azure connect,
    including VMs, functions and containers in an attacker's own subscription, which
    cost a few cents to create. The database is then protected by its login alone.
    Private endpoints or virtual network rules for your own subnets admit only your
    workloads.
  EOT
}

rule "TM-AZURE-SQL-MIN-TLS" {
  title      = "Azure SQL server accepts TLS below 1.2"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_mssql_server"]
  condition  = "string(get(r, 'minimum_tls_version', '1.2')) in ['1.0', '1.1', 'Disabled']"
  location   = "minimum_tls_version"
  message    = "minimum_tls_version allows TLS 1.0/1.1 (or no minimum at all)."
  remediation = "Set minimum_tls_version = \"1.2\" (the provider default)."
  equivalents {
    tfsec   = ["azure-database-secure-tls-policy"]
    trivy   = ["AVD-AZU-0026"]
    checkov = ["CKV_AZURE_52"]
  }
  description = <<-EOT
    TLS 1.0 and 1.1 have known weaknesses; a client that negotiates them can have its
    SQL credentials and query results read or altered by an attacker on the path.
    With `minimum_tls_version = "1.2"` the server refuses the old protocols.
  EOT

  fix {
    title = "Require TLS 1.2"
    set {
      path  = "minimum_tls_version"
      value = "1.2"
    }
  }
}

rule "TM-AZURE-SQL-AUDITING" {
  title      = "Azure SQL server has no auditing"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12", "cis-azure-2.0:4.1.1"]
  likelihood = 3
  impact     = 3
  resource   = ["azurerm_mssql_server"]
  condition  = "!related('azurerm_mssql_server_extended_auditing_policy').exists(a, get(a, 'enabled', true))"
  location   = "name"
  message    = "No enabled azurerm_mssql_server_extended_auditing_policy covers this server: logins and queries leave no audit trail."
  remediation = "Add an azurerm_mssql_server_extended_auditing_policy for the server (to a storage account or, with log_monitoring_enabled, Log Analytics)."
  equivalents {
    tfsec   = ["azure-database-enable-audit"]
    trivy   = ["AVD-AZU-0027"]
    checkov = ["CKV_AZURE_23"]
  }
  description = <<-EOT
    Without auditing, failed and successful logins, permission changes and data
    access on the server are not recorded. An attacker who guesses a password or uses
    a leaked connection string can dump tables, and investigators cannot tell what
    was read or changed. A server-level auditing policy records these events for every
    database on the server.
  EOT

  fix {
    title        = "Add a server auditing policy"
    add_resource = <<-EOT
      resource "azurerm_mssql_server_extended_auditing_policy" "$${name}" {
        server_id              = $${self}.id
        log_monitoring_enabled = true
        retention_in_days      = 90
      }
    EOT
  }
}

rule "TM-AZURE-SQL-AUDIT-RETENTION" {
  title      = "Azure SQL audit logs are kept less than 90 days"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:AU-11", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_mssql_server_extended_auditing_policy", "azurerm_mssql_database_extended_auditing_policy"]
  applies    = "get(r, 'enabled', true)"
  condition  = "get(r, 'retention_in_days', 0) > 0 && get(r, 'retention_in_days', 0) < 90"
  location   = "retention_in_days"
  message    = "retention_in_days is between 1 and 89: audit records are deleted before most intrusions are discovered."
  remediation = "Set retention_in_days to 90 or more (0 keeps records forever)."
  equivalents {
    tfsec   = ["azure-database-retention-period-set"]
    trivy   = ["AVD-AZU-0025"]
    checkov = ["CKV_AZURE_24"]
  }
  description = <<-EOT
    Breaches are usually found weeks or months after they begin. Audit records that
    expire after a few days cannot show when an attacker first logged in or which
    tables they read. Keeping at least 90 days (a year for PCI DSS) preserves the
    evidence investigators need.
  EOT

  fix {
    title = "Keep audit records for 90 days"
    set {
      path  = "retention_in_days"
      value = 90
    }
  }
}

rule "TM-AZURE-DB-SSL-ENFORCEMENT" {
  title      = "PostgreSQL/MySQL server accepts unencrypted or old-TLS connections"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server", "azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"]
  applies    = "!(res.type in ['azurerm_postgresql_flexible_server_configuration', 'azurerm_mysql_flexible_server_configuration']) || lower(get(r, 'name', '')) == 'require_secure_transport'"
  condition  = "res.type in ['azurerm_postgresql_flexible_server_configuration', 'azurerm_mysql_flexible_server_configuration'] ? lower(get(r, 'value', 'on')) in ['off', '0', 'false'] : (!get(r, 'ssl_enforcement_enabled', true) || get(r, 'ssl_minimal_tls_version_enforced', 'TLS1_2') in ['TLS1_0', 'TLS1_1', 'TLSEnforcementDisabled'])"
  location   = "ssl_enforcement_enabled"
  message    = "The server accepts connections without TLS (or with TLS below 1.2)."
  remediation = "Single server: ssl_enforcement_enabled = true and ssl_minimal_tls_version_enforced = \"TLS1_2\". Flexible server: keep require_secure_transport \"on\"."
  equivalents {
    tfsec   = ["azure-database-enable-ssl-enforcement", "azure-database-secure-tls-policy"]
    trivy   = ["AVD-AZU-0020", "AVD-AZU-0026"]
    checkov = ["CKV_AZURE_28", "CKV_AZURE_29", "CKV_AZURE_54"]
  }
  description = <<-EOT
    Without enforced TLS, clients may send passwords and query results in clear
    text; anyone on the network path reads or alters them. With TLS enforced at 1.2
    or later, the server rejects plaintext and downgraded connections. On flexible
    servers the switch is the `require_secure_transport` server parameter, which is
    `on` unless a configuration resource turns it off.
  EOT

  fix {
    title   = "Require TLS"
    applies = "res.type in ['azurerm_postgresql_flexible_server_configuration', 'azurerm_mysql_flexible_server_configuration']"
    set {
      path  = "value"
      value = "on"
    }
  }
  fix {
    title = "Require TLS 1.2"
    set {
      path  = "ssl_enforcement_enabled"
      value = true
    }
    set {
      path  = "ssl_minimal_tls_version_enforced"
      value = "TLS1_2"
    }
  }
}
