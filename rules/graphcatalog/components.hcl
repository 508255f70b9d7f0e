# Graph rules over components. `e` is the component.

rule "TM-GRAPH-DATA-AT-REST-UNENCRYPTED" {
  title      = "Sensitive data stored without encryption at rest"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 5
  target     = "component"
  location   = "encrypted_at_rest"
  condition  = "e.sensitivity >= 3 && has(e.encrypted_at_rest) && !e.encrypted_at_rest"
  message    = "{e.name} stores {e.classification} data ({e.data}) without encryption at rest"
  remediation = "Enable encryption at rest with a customer-managed KMS key (for RDS: storage_encrypted = true with kms_key_id; it requires a new instance from an encrypted snapshot)."
  description = <<-EOT
    Snapshots, backups and disks of an unencrypted datastore expose the data to
    anyone who obtains a copy: a shared snapshot, a leaked backup, a decommissioned
    disk.
  EOT
}

rule "TM-GRAPH-INTERNET-NO-WAF" {
  title      = "Internet-facing entry point without WAF or rate limiting"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-770"]
  compliance = ["nist-800-53-r5:SC-7", "nist-800-53-r5:SC-5", "dora:art9", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 3
  target     = "component"
  location   = "waf"
  condition  = "e.internet_facing && e.entry && has(e.waf) && !e.waf && !(has(e.rate_limit) && e.rate_limit)"
  message    = "{e.name} is reachable from the internet with no web application firewall or rate limiting in front of it"
  remediation = "Associate an AWS WAFv2 web ACL (managed rule groups plus a rate-based rule) with the entry point."
  description = <<-EOT
    Entry points reachable from the internet receive injection attempts, credential
    stuffing and floods. A WAF with managed rules and a rate-based rule stops the bulk
    of them before they reach application code.
  EOT
  fix {
    title        = "Protect the entry point with a WAFv2 web ACL"
    add_resource = <<-EOT
      resource "aws_wafv2_web_acl_association" "$${name}" {
        resource_arn = $${self}.arn
        web_acl_arn  = aws_wafv2_web_acl.$${name}.arn
      }
    EOT
  }
}

rule "TM-GRAPH-NO-AUDIT-TRAIL" {
  title      = "No audit trail for an account holding restricted data"
  severity   = "high"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "cis-aws-1.4:3.1", "dora:art10", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 4
  target     = "component"
  condition  = "e.kind == 'datastore' && e.sensitivity >= 4 && e.provider == 'aws' && has(e.audit_trail) && !e.audit_trail"
  message    = "{e.name} holds {e.classification} data but no CloudTrail trail records API activity in this account"
  remediation = "Create a multi-region CloudTrail trail with log file validation, delivering to a protected bucket."
  description = <<-EOT
    Without an audit trail nobody can tell who read, changed or deleted restricted
    data, or reconstruct an incident. PCI DSS and DORA require such records.
  EOT
  fix {
    title        = "Add a multi-region CloudTrail trail"
    add_resource = <<-EOT
      resource "aws_cloudtrail" "audit" {
        name                          = "audit"
        s3_bucket_name                = "REPLACE-with-audit-log-bucket"
        is_multi_region_trail         = true
        include_global_service_events = true
        enable_log_file_validation    = true
      }
    EOT
  }
}

rule "TM-GRAPH-DATASTORE-NO-BACKUP" {
  title      = "Datastore without backups"
  severity   = "medium"
  stride     = ["denial-of-service"]
  cwe        = ["CWE-1188"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 4
  target     = "component"
  location   = "backup"
  condition  = "e.kind == 'datastore' && has(e.backup) && !e.backup"
  # The datastore's own backup setting is already reported by these rules.
  covered_by = ["TM-AWS-RDS-BACKUP-RETENTION", "TM-AWS-S3-VERSIONING", "TM-AWS-DYNAMODB-PITR", "TM-AWS-ELASTICACHE-BACKUP", "TM-GCP-SQL-BACKUPS", "TM-GCP-GCS-VERSIONING"]
  message    = "{e.name} has no backups (no backup plan selects it and its own retention is off)"
  remediation = "Select the datastore in an AWS Backup plan (or enable its own point-in-time recovery / retention)."
  description = <<-EOT
    Ransomware, a bad migration or an operator mistake can destroy the data; without
    backups it cannot be restored. DORA Article 12 requires backup policies.
  EOT
  fix {
    title        = "Back up the datastore with AWS Backup"
    add_resource = <<-EOT
      resource "aws_backup_selection" "$${name}" {
        name         = "$${name}"
        iam_role_arn = aws_iam_role.backup.arn
        plan_id      = aws_backup_plan.default.id
        resources    = [$${self}.arn]
      }
    EOT
  }
}
