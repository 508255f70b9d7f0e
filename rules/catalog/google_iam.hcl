# Google Cloud IAM rules: basic roles and service-account impersonation roles at
# project, folder and organisation level, user-managed service-account keys, and
# public principals on BigQuery datasets and tables.

rule "TM-GCP-IAM-BASIC-ROLES" {
  title      = "Basic role Owner or Editor granted at project, folder or organisation level"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-269"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "nist-800-53-r5:AC-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:1.5"]
  likelihood = 3
  impact     = 5
  resource   = ["google_project_iam_member", "google_project_iam_binding", "google_folder_iam_member", "google_folder_iam_binding", "google_organization_iam_member", "google_organization_iam_binding"]
  condition  = "get(r, 'role', '') in ['roles/owner', 'roles/editor']"
  location   = "role"
  message    = "roles/owner or roles/editor is granted: thousands of permissions across every service in scope."
  remediation = "Grant predefined or custom roles limited to the services and resources the principal works with."
  equivalents {
    tfsec   = ["google-iam-no-privileged-service-accounts"]
    trivy   = ["AVD-GCP-0007"]
    checkov = ["CKV_GCP_117"]
  }
  description = <<-EOT
    Owner and Editor predate fine-grained IAM and grant write access to nearly every
    resource of every service (Owner also manages IAM itself). A principal holding one
    (often a CI service account whose key then leaks) lets an attacker read all data,
    create resources for crypto-mining, and plant persistence. Narrow predefined or
    custom roles limit the damage of any single compromised identity.
  EOT
}

rule "TM-GCP-IAM-SA-IMPERSONATION-PROJECT" {
  title      = "Service account impersonation role granted at project level"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "spoofing"]
  cwe        = ["CWE-269"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:1.6"]
  likelihood = 3
  impact     = 4
  resource   = ["google_project_iam_member", "google_project_iam_binding", "google_folder_iam_member", "google_folder_iam_binding", "google_organization_iam_member", "google_organization_iam_binding"]
  condition  = "get(r, 'role', '') in ['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator']"
  location   = "role"
  message    = "Service Account User / Token Creator at this level lets the principal act as every service account in scope."
  remediation = "Grant the role on the specific service account (google_service_account_iam_member) instead."
  equivalents {
    trivy   = ["AVD-GCP-0011"]
    checkov = ["CKV_GCP_41", "CKV_GCP_49"]
  }
  description = <<-EOT
    Granted on a project (or folder or organisation), these roles let the holder
    attach or mint tokens for any service account there, including ones with far more
    permissions than the holder's own, which is a direct privilege escalation path.
    Granting them on individual service accounts limits impersonation to the
    identities the principal actually needs.
  EOT
}

rule "TM-GCP-IAM-SA-KEY" {
  title      = "User-managed service account key is created"
  severity   = "low"
  stride     = ["spoofing", "information-disclosure"]
  cwe        = ["CWE-522"]
  compliance = ["nist-800-53-r5:IA-5", "nist-800-53-r5:IA-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:1.4"]
  likelihood = 3
  impact     = 4
  resource   = ["google_service_account_key"]
  condition  = "!has(r.public_key_data)"
  location   = "service_account_id"
  message    = "A Google-generated service account key is created: its private key lands in the Terraform state."
  remediation = "Use Workload Identity (GKE), attached service accounts or Workload Identity Federation instead of keys."
  description = <<-EOT
    A service account key is a long-lived bearer credential: it does not expire by
    default, works from anywhere and is stored, base64 encoded, in the Terraform state
    (private_key). Leaked keys are the most common way GCP projects are compromised.
    Attached service accounts, Workload Identity and Workload Identity Federation give
    workloads short-lived tokens instead, with nothing to leak. Keys created from an
    uploaded public key (public_key_data) keep the private key out of Google and of
    the state and are not reported.
  EOT
}

rule "TM-GCP-BIGQUERY-PUBLIC" {
  title      = "BigQuery dataset or table is granted to allUsers or allAuthenticatedUsers"
  severity   = "critical"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:7.1"]
  likelihood = 4
  impact     = 5
  resource   = ["google_bigquery_dataset", "google_bigquery_dataset_access", "google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding", "google_bigquery_table_iam_member", "google_bigquery_table_iam_binding"]
  condition  = "res.type == 'google_bigquery_dataset' ? all_blocks(r, 'access').exists(a, get(a, 'special_group', '') == 'allAuthenticatedUsers' || get(a, 'iam_member', '') in ['allUsers', 'allAuthenticatedUsers']) : res.type == 'google_bigquery_dataset_access' ? (get(r, 'special_group', '') == 'allAuthenticatedUsers' || get(r, 'iam_member', '') in ['allUsers', 'allAuthenticatedUsers']) : res.type.endsWith('_iam_member') ? get(r, 'member', '') in ['allUsers', 'allAuthenticatedUsers'] : get(r, 'members', []).exists(m, m in ['allUsers', 'allAuthenticatedUsers'])"
  location   = "access"
  message    = "The dataset or table is shared with allUsers or allAuthenticatedUsers."
  remediation = "Remove the public grant; share with named groups or service accounts, or publish through an authorized view."
  equivalents {
    tfsec   = ["google-bigquery-no-public-access"]
    trivy   = ["AVD-GCP-0046"]
    checkov = ["CKV_GCP_15"]
  }
  description = <<-EOT
    A BigQuery grant to `allUsers` or `allAuthenticatedUsers` lets anyone on the
    internet (or with any Google account) query the data, and the query cost of their
    scans may be billed to you. Analytical datasets tend to hold exactly the customer
    and transaction data attackers want. Sharing with named groups or through
    authorized views keeps access to people you know.
  EOT
}
