# Memorystore for Redis rules (google_redis_instance): AUTH and in-transit
# encryption, both off by default.

rule "TM-GCP-REDIS-AUTH" {
  title      = "Memorystore Redis instance has AUTH disabled"
  severity   = "medium"
  stride     = ["spoofing", "information-disclosure", "tampering"]
  cwe        = ["CWE-306"]
  compliance = ["nist-800-53-r5:IA-2", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["google_redis_instance"]
  condition  = "!get(r, 'auth_enabled', false)"
  location   = "auth_enabled"
  message    = "auth_enabled is not true (the default is false): any client that reaches the instance can read and write it."
  remediation = "Set auth_enabled = true and give clients the AUTH string from Secret Manager."
  equivalents {
    checkov = ["CKV_GCP_95"]
  }
  description = <<-EOT
    Without AUTH, anything that can open a connection to the instance's private IP
    (any VM, pod or serverless connector in the peered VPC, including a compromised
    one) can read cached sessions and tokens, overwrite them, or flush the cache.
    AUTH requires a secret on every connection, so network reachability alone is not
    enough.
  EOT

  fix {
    title = "Require AUTH"
    set {
      path  = "auth_enabled"
      value = true
    }
  }
}

rule "TM-GCP-REDIS-TLS" {
  title      = "Memorystore Redis instance does not encrypt traffic in transit"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["google_redis_instance"]
  condition  = "get(r, 'transit_encryption_mode', 'DISABLED') != 'SERVER_AUTHENTICATION'"
  location   = "transit_encryption_mode"
  message    = "transit_encryption_mode is not SERVER_AUTHENTICATION: the AUTH string and cached data cross the network in clear text."
  remediation = "Set transit_encryption_mode = \"SERVER_AUTHENTICATION\" (this recreates the instance) and connect with TLS using the instance's CA."
  equivalents {
    checkov = ["CKV_GCP_97"]
  }
  description = <<-EOT
    Without in-transit encryption, the AUTH string and every command and reply
    (sessions, tokens, personal data) travel in clear inside the VPC. An attacker
    with a foothold on the network path, or able to mirror traffic, reads and alters
    them. With SERVER_AUTHENTICATION, clients use TLS and verify the instance's
    certificate.
  EOT

  fix {
    title = "Encrypt traffic with TLS"
    set {
      path  = "transit_encryption_mode"
      value = "SERVER_AUTHENTICATION"
    }
  }
}
