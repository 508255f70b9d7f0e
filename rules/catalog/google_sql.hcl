# Cloud SQL rules (google_sql_database_instance): public IP and authorized networks,
# TLS enforcement and backups.
#
# TLS: google 5.x has both ip_configuration.require_ssl and ssl_mode; google 6.0
# removed require_ssl, leaving ssl_mode. Either ENCRYPTED_ONLY /
# TRUSTED_CLIENT_CERTIFICATE_REQUIRED or require_ssl = true counts as enforced.

rule "TM-GCP-SQL-PUBLIC-AUTHORIZED-NETWORK" {
  title      = "Cloud SQL instance accepts connections from the whole internet"
  severity   = "critical"
  stride     = ["information-disclosure", "spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:6.5"]
  likelihood = 4
  impact     = 5
  resource   = ["google_sql_database_instance"]
  applies    = "get(r, 'settings.ip_configuration.ipv4_enabled', true)"
  condition  = "all_blocks(r, 'settings.ip_configuration.authorized_networks').exists(n, cidr_public(get(n, 'value', '')))"
  location   = "settings.ip_configuration.authorized_networks"
  message    = "An authorized network of 0.0.0.0/0 lets every address on the internet connect to the instance's public IP."
  remediation = "Remove the 0.0.0.0/0 authorized network; connect through the Cloud SQL Auth Proxy or a private IP."
  equivalents {
    tfsec   = ["google-sql-no-public-access"]
    trivy   = ["AVD-GCP-0017"]
    checkov = ["CKV_GCP_11"]
  }
  description = <<-EOT
    An authorized network of `0.0.0.0/0` opens the database listener to everyone:
    the instance is scanned and password-sprayed, and a leaked database password is
    immediately usable from anywhere. The Cloud SQL Auth Proxy connects without any
    authorized network, checking IAM first; a private IP keeps the instance off the
    internet entirely.
  EOT
}

rule "TM-GCP-SQL-PUBLIC-IP" {
  title      = "Cloud SQL instance has a public IP address"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:6.6"]
  likelihood = 2
  impact     = 4
  resource   = ["google_sql_database_instance"]
  condition  = "get(r, 'settings.ip_configuration.ipv4_enabled', true)"
  location   = "settings.ip_configuration.ipv4_enabled"
  message    = "ipv4_enabled is true (the default): the instance has a public IP address."
  remediation = "Set settings { ip_configuration { ipv4_enabled = false  private_network = <VPC self link> } } and connect over private IP."
  equivalents {
    checkov = ["CKV_GCP_60"]
  }
  description = <<-EOT
    A public IP puts the instance one authorized-network change away from the
    internet, and makes it reachable through the Auth Proxy from anywhere an IAM
    credential leaks to. With only a private IP, clients must be inside the VPC (or a
    connected network), so stolen credentials are not enough on their own.
  EOT

  fix {
    title = "Remove the public IP"
    set {
      path  = "settings.ip_configuration.ipv4_enabled"
      value = false
    }
  }
}

rule "TM-GCP-SQL-SSL" {
  title      = "Cloud SQL instance accepts unencrypted connections"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10", "cis-gcp-2.0:6.4"]
  likelihood = 2
  impact     = 4
  resource   = ["google_sql_database_instance"]
  condition  = "!(get(r, 'settings.ip_configuration.ssl_mode', '') in ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']) && !get(r, 'settings.ip_configuration.require_ssl', false)"
  location   = "settings.ip_configuration"
  message    = "ssl_mode is not ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED: clients may connect without TLS."
  remediation = "Set settings { ip_configuration { ssl_mode = \"ENCRYPTED_ONLY\" } } (google < 6.0: require_ssl = true)."
  equivalents {
    tfsec   = ["google-sql-encrypt-in-transit-data"]
    trivy   = ["AVD-GCP-0015"]
    checkov = ["CKV_GCP_6"]
  }
  description = <<-EOT
    Unless TLS is required, a client can connect in clear text and send its password
    and query results readable and alterable by anyone on the path. Requiring
    encrypted connections makes the instance refuse plaintext sessions;
    TRUSTED_CLIENT_CERTIFICATE_REQUIRED additionally demands a client certificate.
  EOT

  fix {
    title   = "Require TLS (require_ssl)"
    applies = "has(r.settings) && all_blocks(r, 'settings.ip_configuration').exists(c, has(c.require_ssl))"
    set {
      path  = "settings.ip_configuration.require_ssl"
      value = true
    }
  }
  fix {
    title = "Require TLS"
    set {
      path  = "settings.ip_configuration.ssl_mode"
      value = "ENCRYPTED_ONLY"
    }
  }
}

rule "TM-GCP-SQL-BACKUPS" {
  title      = "Cloud SQL instance has automated backups off"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "osfi-b13:3.2", "mas-trm-2021:8", "cis-gcp-2.0:6.7"]
  likelihood = 2
  impact     = 4
  resource   = ["google_sql_database_instance"]
  applies    = "!has(r.master_instance_name)"
  condition  = "!get(r, 'settings.backup_configuration.enabled', false)"
  location   = "settings.backup_configuration"
  message    = "settings.backup_configuration.enabled is not true: no automated backups."
  remediation = "Add settings { backup_configuration { enabled = true  point_in_time_recovery_enabled = true } } (binary_log_enabled for MySQL)."
  equivalents {
    tfsec   = ["google-sql-enable-backup"]
    trivy   = ["AVD-GCP-0024"]
    checkov = ["CKV_GCP_14"]
  }
  description = <<-EOT
    Without automated backups, a dropped table, a ransomware actor with database
    credentials or a faulty migration destroys data that cannot be restored.
    Daily backups (and point-in-time recovery) let you restore to before the
    incident. Read replicas are not reported: they are backed up through their
    primary.
  EOT

  fix {
    title = "Enable automated backups"
    set {
      path  = "settings.backup_configuration.enabled"
      value = true
    }
  }
}
