# Cloud KMS rules: automatic rotation of symmetric keys and public IAM grants on keys
# and key rings.

rule "TM-GCP-KMS-ROTATION" {
  title      = "Cloud KMS key is not rotated at least every 90 days"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-324"]
  compliance = ["pci-dss-4.0:3.7.4", "nist-800-53-r5:SC-12", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10", "cis-gcp-2.0:1.10"]
  likelihood = 2
  impact     = 3
  resource   = ["google_kms_crypto_key"]
  applies    = "get(r, 'purpose', 'ENCRYPT_DECRYPT') == 'ENCRYPT_DECRYPT'"
  condition  = "!has(r.rotation_period) || double(string(r.rotation_period).replace('s', '')) > 7776000.0"
  location   = "rotation_period"
  message    = "rotation_period is unset or longer than 90 days (7776000s)."
  remediation = "Set rotation_period = \"7776000s\" (90 days) or shorter."
  equivalents {
    tfsec   = ["google-kms-rotate-kms-keys"]
    trivy   = ["AVD-GCP-0065"]
    checkov = ["CKV_GCP_43"]
  }
  description = <<-EOT
    A key version that is never rotated protects ever more data, so the impact of
    its compromise (through a leaked export, a misused decrypt permission or a
    cryptanalytic advance) keeps growing. With automatic rotation Cloud KMS creates a
    new primary version on schedule; new data is encrypted with it, which bounds how
    much any one version exposes.
  EOT

  fix {
    title = "Rotate every 90 days"
    set {
      path  = "rotation_period"
      value = "7776000s"
    }
  }
}

rule "TM-GCP-KMS-PUBLIC-IAM" {
  title      = "Cloud KMS key is granted to allUsers or allAuthenticatedUsers"
  severity   = "critical"
  stride     = ["information-disclosure", "tampering", "elevation-of-privilege"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:3.6.1", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "nist-800-53-r5:SC-12", "dora:art9", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10", "cis-gcp-2.0:1.9"]
  likelihood = 3
  impact     = 5
  resource   = ["google_kms_crypto_key_iam_member", "google_kms_crypto_key_iam_binding", "google_kms_key_ring_iam_member", "google_kms_key_ring_iam_binding"]
  condition  = "res.type.endsWith('_iam_member') ? get(r, 'member', '') in ['allUsers', 'allAuthenticatedUsers'] : get(r, 'members', []).exists(m, m in ['allUsers', 'allAuthenticatedUsers'])"
  location   = "member"
  message    = "A KMS key or key ring role is granted to allUsers or allAuthenticatedUsers."
  remediation = "Grant KMS roles only to the service accounts that encrypt or decrypt with the key."
  description = <<-EOT
    A KMS role granted to `allUsers` or `allAuthenticatedUsers` lets anyone (or anyone
    with a Google account) use the key: decrypt data protected by it, or encrypt with
    it and disable or destroy versions, depending on the role. Key access should be as
    narrow as the data it protects: name the service accounts that need it.
  EOT
}
