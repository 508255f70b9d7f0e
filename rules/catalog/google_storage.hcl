# Google Cloud Storage rules: public IAM members and ACLs, uniform bucket-level
# access, public access prevention, versioning and access logging.
#
# Public principals are `allUsers` (anyone on the internet) and
# `allAuthenticatedUsers` (anyone with any Google account). A google_*_iam_policy
# built from a data "google_iam_policy" is read from that data source's binding
# blocks (related), and from policy_data JSON otherwise.

rule "TM-GCP-GCS-PUBLIC-IAM" {
  title      = "Cloud Storage bucket is readable by allUsers or allAuthenticatedUsers"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:5.1"]
  likelihood = 4
  impact     = 4
  resource   = ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_iam_policy", "google_storage_bucket_acl", "google_storage_bucket_access_control", "google_storage_default_object_access_control", "google_storage_object_access_control"]
  condition  = "res.type == 'google_storage_bucket_iam_member' ? get(r, 'member', '') in ['allUsers', 'allAuthenticatedUsers'] : res.type == 'google_storage_bucket_iam_binding' ? get(r, 'members', []).exists(m, m in ['allUsers', 'allAuthenticatedUsers']) : res.type == 'google_storage_bucket_iam_policy' ? (size(related('google_iam_policy')) > 0 ? related('google_iam_policy').exists(p, all_blocks(p, 'binding').exists(b, get(b, 'members', []).exists(m, m in ['allUsers', 'allAuthenticatedUsers']))) : get(json(r.policy_data), 'bindings', []).exists(b, get(b, 'members', []).exists(m, m in ['allUsers', 'allAuthenticatedUsers']))) : res.type == 'google_storage_bucket_acl' ? (get(r, 'predefined_acl', '') in ['publicRead', 'publicReadWrite', 'authenticatedRead'] || get(r, 'role_entity', []).exists(e, e.endsWith(':allUsers') || e.endsWith(':allAuthenticatedUsers'))) : get(r, 'entity', '') in ['allUsers', 'allAuthenticatedUsers']"
  location   = "member"
  message    = "The bucket (or its objects) is granted to allUsers or allAuthenticatedUsers."
  remediation = "Grant the role to named users, groups or service accounts, and set public_access_prevention = \"enforced\" on buckets that must never be public."
  equivalents {
    tfsec   = ["google-storage-no-public-access"]
    trivy   = ["AVD-GCP-0001"]
    checkov = ["CKV_GCP_28"]
  }
  description = <<-EOT
    `allUsers` means anyone on the internet, without signing in; `allAuthenticatedUsers`
    means anyone with any Google account, which is no restriction at all. With such a
    grant an attacker who learns the bucket name lists and downloads its objects (or,
    with a write role, replaces them with malware served from your domain). Granting
    roles to named principals limits access to people and workloads you know, and
    `public_access_prevention = "enforced"` makes Cloud Storage refuse public grants.
  EOT
}

rule "TM-GCP-GCS-UNIFORM-ACCESS" {
  title      = "Cloud Storage bucket uses fine-grained ACLs"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:5.2"]
  likelihood = 2
  impact     = 4
  resource   = ["google_storage_bucket"]
  condition  = "!get(r, 'uniform_bucket_level_access', false)"
  location   = "uniform_bucket_level_access"
  message    = "uniform_bucket_level_access is not true: object ACLs can grant access that bucket IAM does not show."
  remediation = "Set uniform_bucket_level_access = true and manage access with IAM only."
  equivalents {
    tfsec   = ["google-storage-enable-ubla"]
    trivy   = ["AVD-GCP-0002"]
    checkov = ["CKV_GCP_29"]
  }
  description = <<-EOT
    With fine-grained access, every object carries its own ACL. One upload with
    `predefinedAcl=publicRead`, or a tool that sets object ACLs, makes that object
    public while the bucket's IAM policy still looks private, so reviews and audits
    miss it. Uniform bucket-level access disables object ACLs: IAM on the bucket is
    the single place that decides who can read.
  EOT

  fix {
    title = "Enable uniform bucket-level access"
    set {
      path  = "uniform_bucket_level_access"
      value = true
    }
  }
}

rule "TM-GCP-GCS-PUBLIC-ACCESS-PREVENTION" {
  title      = "Cloud Storage bucket does not enforce public access prevention"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["google_storage_bucket"]
  condition  = "get(r, 'public_access_prevention', 'inherited') != 'enforced'"
  location   = "public_access_prevention"
  message    = "public_access_prevention is not \"enforced\": a later IAM or ACL change can make the bucket public."
  remediation = "Set public_access_prevention = \"enforced\" (or enforce storage.publicAccessPrevention as an organisation policy and suppress this rule)."
  equivalents {
    checkov = ["CKV_GCP_114"]
  }
  description = <<-EOT
    Public access prevention is a guard rail: with it enforced, Cloud Storage rejects
    any grant to `allUsers` or `allAuthenticatedUsers`, whoever makes it and however
    (console, gcloud, another Terraform stack). Without it, the bucket is one mistaken
    IAM binding away from publishing its content. "inherited" defers to the
    organisation policy, which this rule cannot see; suppress it with a reason if your
    organisation enforces the constraint.
  EOT

  fix {
    title = "Enforce public access prevention"
    set {
      path  = "public_access_prevention"
      value = "enforced"
    }
  }
}

rule "TM-GCP-GCS-VERSIONING" {
  title      = "Cloud Storage bucket versioning is not enabled"
  severity   = "low"
  stride     = ["tampering", "denial-of-service"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 3
  resource   = ["google_storage_bucket"]
  condition  = "!get(r, 'versioning.enabled', false)"
  location   = "versioning"
  message    = "Versioning is off: an overwrite or delete destroys the only copy of an object."
  remediation = "Add versioning { enabled = true } (with lifecycle rules to expire old versions)."
  equivalents {
    checkov = ["CKV_GCP_78"]
  }
  description = <<-EOT
    Without versioning, anyone who gets write access (a leaked service-account key,
    ransomware using an application's identity, a faulty job) can overwrite or delete
    objects beyond recovery. With versioning, noncurrent versions are kept and can be
    restored; lifecycle rules keep the cost bounded.
  EOT

  fix {
    title = "Enable versioning"
    set {
      path  = "versioning.enabled"
      value = true
    }
  }
}

rule "TM-GCP-GCS-LOGGING" {
  title      = "Cloud Storage bucket has no access logging"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["google_storage_bucket"]
  condition  = "!has(r.logging) || size(r.logging) == 0"
  location   = "logging"
  message    = "No logging { log_bucket } is configured: object reads and writes leave no usage log."
  remediation = "Add logging { log_bucket = <a dedicated log bucket> }, or enable Data Access audit logs for Cloud Storage and suppress this rule."
  equivalents {
    checkov = ["CKV_GCP_62"]
  }
  description = <<-EOT
    Admin Activity audit logs record bucket configuration changes, but object reads
    are only logged with usage logs or Data Access audit logs, both off by default.
    Without them, an attacker who downloads the bucket's contents with a stolen key
    leaves nothing to investigate. Usage logs delivered to a separate bucket give
    responders that record.
  EOT
}
