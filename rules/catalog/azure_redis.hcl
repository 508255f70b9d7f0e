# Azure Cache for Redis rules (azurerm_redis_cache). azurerm 4 renamed
# enable_non_ssl_port to non_ssl_port_enabled and changed the minimum_tls_version
# default from "1.0" to "1.2"; an unset minimum_tls_version is not reported because
# the provider version is not known here.

rule "TM-AZURE-REDIS-NON-SSL-PORT" {
  title      = "Redis cache exposes the non-TLS port"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_redis_cache"]
  condition  = "get(r, 'enable_non_ssl_port', false) || get(r, 'non_ssl_port_enabled', false)"
  location   = "non_ssl_port_enabled"
  message    = "The plain-text port 6379 is enabled."
  remediation = "Set non_ssl_port_enabled = false (azurerm 4) / enable_non_ssl_port = false (azurerm 3) and connect on 6380 with TLS."
  equivalents {
    checkov = ["CKV_AZURE_91"]
  }
  description = <<-EOT
    On port 6379 the Redis access key and all cached data (sessions, tokens, query
    results) travel in clear text. Anyone on the network path can read the key and
    then read or rewrite the cache, for example to hijack sessions. With only the
    TLS port enabled, traffic is encrypted and the key is not exposed in transit.
  EOT

  fix {
    title   = "Disable the non-TLS port"
    applies = "has(r.enable_non_ssl_port)"
    set {
      path  = "enable_non_ssl_port"
      value = false
    }
  }
  fix {
    title = "Disable the non-TLS port"
    set {
      path  = "non_ssl_port_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-REDIS-MIN-TLS" {
  title      = "Redis cache accepts TLS below 1.2"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_redis_cache"]
  condition  = "string(get(r, 'minimum_tls_version', '1.2')) in ['1.0', '1.1']"
  location   = "minimum_tls_version"
  message    = "minimum_tls_version allows TLS 1.0/1.1."
  remediation = "Set minimum_tls_version = \"1.2\"."
  description = <<-EOT
    TLS 1.0 and 1.1 have known weaknesses; a client that negotiates them can have the
    cache's access key and data exposed or altered by an attacker on the path.
    Requiring TLS 1.2 makes the cache refuse the old protocols. Azure retires TLS
    1.0/1.1 for Redis, so clients must support 1.2 anyway.
  EOT

  fix {
    title = "Require TLS 1.2"
    set {
      path  = "minimum_tls_version"
      value = "1.2"
    }
  }
}
