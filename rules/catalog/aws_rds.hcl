# Amazon RDS and Aurora rules.

rule "TM-AWS-RDS-ENCRYPTION" {
  title      = "RDS instance storage is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "cis-aws-1.4:2.3.1", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 5
  resource   = ["aws_db_instance"]
  applies    = "!has(r.replicate_source_db) && !has(r.snapshot_identifier)"
  condition  = "!get(r, 'storage_encrypted', false)"
  location   = "storage_encrypted"
  message    = "The database's storage, backups and snapshots are not encrypted."
  remediation = "Set storage_encrypted = true (with kms_key_id for a customer managed key); existing instances are migrated through an encrypted snapshot copy."
  equivalents {
    tfsec   = ["aws-rds-encrypt-instance-storage-data"]
    trivy   = ["AVD-AWS-0080"]
    checkov = ["CKV_AWS_16"]
  }
  description = <<-EOT
    Without storage encryption the database files, automated backups, read replicas
    and snapshots are stored in clear. A snapshot shared with another account or made
    public by mistake, or copied by an attacker with `rds:ModifyDBSnapshotAttribute`,
    can be restored anywhere and read in full. With encryption every copy needs
    `kms:Decrypt` on the key, which the key policy can confine to your account.
    Read replicas and instances restored from a snapshot inherit their source's
    encryption and are not checked.
  EOT

  fix {
    title = "Encrypt the database storage"
    set {
      path  = "storage_encrypted"
      value = true
    }
  }
}

rule "TM-AWS-RDS-CLUSTER-ENCRYPTION" {
  title      = "RDS cluster storage is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "cis-aws-1.4:2.3.1", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 5
  resource   = ["aws_rds_cluster"]
  applies    = "get(r, 'engine_mode', 'provisioned') != 'serverless' && !has(r.replication_source_identifier) && !has(r.snapshot_identifier)"
  condition  = "!get(r, 'storage_encrypted', false)"
  location   = "storage_encrypted"
  message    = "The Aurora/RDS cluster's storage, backups and snapshots are not encrypted."
  remediation = "Set storage_encrypted = true (with kms_key_id for a customer managed key)."
  equivalents {
    tfsec   = ["aws-rds-encrypt-cluster-storage-data"]
    trivy   = ["AVD-AWS-0079"]
    checkov = ["CKV_AWS_96"]
  }
  description = <<-EOT
    For provisioned Aurora and Multi-AZ DB clusters `storage_encrypted` defaults to
    false, so cluster volumes, backups and snapshots are stored in clear. Anyone who
    obtains a snapshot (shared by mistake, or by an attacker with snapshot
    permissions) can restore and read the whole database. Encrypted clusters need the
    KMS key for every copy. Aurora Serverless v1 is always encrypted and is skipped.
  EOT

  fix {
    title = "Encrypt the cluster storage"
    set {
      path  = "storage_encrypted"
      value = true
    }
  }
}

rule "TM-AWS-RDS-PUBLIC" {
  title      = "RDS database is publicly accessible"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:1.3.1", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 5
  resource   = ["aws_db_instance", "aws_rds_cluster_instance"]
  condition  = "get(r, 'publicly_accessible', false) == true"
  location   = "publicly_accessible"
  message    = "publicly_accessible gives the database a public DNS name and address."
  remediation = "Set publicly_accessible = false and place the database in private subnets; connect through the VPC, a bastion or RDS Proxy."
  equivalents {
    tfsec   = ["aws-rds-no-public-db-access"]
    trivy   = ["AVD-AWS-0180"]
    checkov = ["CKV_AWS_17"]
  }
  description = <<-EOT
    A publicly accessible database resolves to a public IP, so its only protection is
    the security group and the database password. One broad rule, or a leaked or weak
    credential, and an attacker on the internet can connect, dump tables and brute-force
    logins directly. Keeping the database private confines connections to the VPC.
  EOT

  fix {
    title = "Make the database private"
    set {
      path  = "publicly_accessible"
      value = false
    }
  }
}

rule "TM-AWS-RDS-BACKUP-RETENTION" {
  title      = "RDS backups are kept for a day or less"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_db_instance", "aws_rds_cluster"]
  applies    = "!has(r.replicate_source_db)"
  condition  = "get(r, 'backup_retention_period', 1) < 2"
  location   = "backup_retention_period"
  message    = "Automated backups are disabled or kept for only one day (the default)."
  remediation = "Set backup_retention_period to at least 7 (up to 35) days, per your recovery policy."
  equivalents {
    tfsec   = ["aws-rds-specify-backup-retention"]
    trivy   = ["AVD-AWS-0077"]
    checkov = ["CKV_AWS_133"]
  }
  description = <<-EOT
    With backups off (0) or kept one day (the default), corruption, a bad migration
    or an attacker's `DELETE`/ransom encryption that is noticed after a weekend cannot
    be undone: point-in-time restore only reaches back as far as the retention period.
    A retention of a week or more gives time to notice and restore.
  EOT

  fix {
    title = "Keep automated backups for 7 days"
    set {
      path  = "backup_retention_period"
      value = 7
    }
  }
}

rule "TM-AWS-RDS-DELETION-PROTECTION" {
  title      = "RDS deletion protection is off"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "nist-800-53-r5:CP-10", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_db_instance", "aws_rds_cluster"]
  condition  = "!get(r, 'deletion_protection', false)"
  location   = "deletion_protection"
  message    = "The database can be deleted by a single API call or terraform destroy."
  remediation = "Set deletion_protection = true for production databases."
  equivalents {
    tfsec   = ["aws-rds-enable-deletion-protection"]
    trivy   = ["AVD-AWS-0177"]
    checkov = ["CKV_AWS_293", "CKV_AWS_139"]
  }
  description = <<-EOT
    Without deletion protection a mistaken `terraform destroy`, a rename that forces
    replacement, or an attacker holding `rds:DeleteDBInstance` removes the database
    (and, unless a final snapshot is kept, its automated backups) in one call.
    Deletion protection makes deletion a two-step change that has to be deliberate.
  EOT

  fix {
    title = "Turn on deletion protection"
    set {
      path  = "deletion_protection"
      value = true
    }
  }
}

rule "TM-AWS-DOCDB-ENCRYPTION" {
  title      = "DocumentDB cluster storage is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_docdb_cluster"]
  condition  = "!get(r, 'storage_encrypted', false)"
  location   = "storage_encrypted"
  message    = "The DocumentDB cluster, its backups and snapshots are stored unencrypted."
  remediation = "Set storage_encrypted = true (with kms_key_id for a customer managed key); this replaces the cluster."
  equivalents {
    tfsec   = ["aws-documentdb-enable-storage-encryption"]
    trivy   = ["AVD-AWS-0021"]
    checkov = ["CKV_AWS_74"]
  }
  description = <<-EOT
    `storage_encrypted` defaults to false, so the cluster volume, automated backups
    and snapshots hold documents in clear. A snapshot shared by mistake, or copied by
    someone with snapshot permissions, can be restored and read elsewhere. With
    encryption every copy needs the KMS key, whose policy you control.
  EOT

  fix {
    title = "Encrypt the cluster storage"
    set {
      path  = "storage_encrypted"
      value = true
    }
  }
}

rule "TM-AWS-NEPTUNE-ENCRYPTION" {
  title      = "Neptune cluster storage is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_neptune_cluster"]
  condition  = "!get(r, 'storage_encrypted', false)"
  location   = "storage_encrypted"
  message    = "The Neptune cluster, its backups and snapshots are stored unencrypted."
  remediation = "Set storage_encrypted = true (with kms_key_arn for a customer managed key); this replaces the cluster."
  equivalents {
    tfsec   = ["aws-neptune-enable-storage-encryption"]
    trivy   = ["AVD-AWS-0076"]
    checkov = ["CKV_AWS_44"]
  }
  description = <<-EOT
    `storage_encrypted` defaults to false, so the graph data, backups and snapshots
    are stored in clear; graph databases often hold identity and fraud relationships.
    Anyone who obtains a snapshot can restore and read it. Encrypted storage makes
    every copy depend on the KMS key.
  EOT

  fix {
    title = "Encrypt the cluster storage"
    set {
      path  = "storage_encrypted"
      value = true
    }
  }
}
