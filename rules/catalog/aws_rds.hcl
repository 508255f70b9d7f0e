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

rule "TM-AWS-RDS-IAM-AUTH" {
  title      = "RDS database does not accept IAM authentication"
  severity   = "medium"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-287"]
  compliance = ["pci-dss-4.0:8.3.1", "pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-2", "nist-800-53-r5:IA-5", "nist-800-53-r5:AC-2", "dora:art9", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_db_instance", "aws_rds_cluster"]
  applies    = "get(r, 'engine', '').matches('^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$')"
  condition  = "!get(r, 'iam_database_authentication_enabled', false)"
  location   = "iam_database_authentication_enabled"
  message    = "Only database passwords can authenticate: no short-lived IAM tokens, no central revocation."
  remediation = "Set iam_database_authentication_enabled = true and grant rds-db:connect to the roles that need a database user."
  equivalents {
    tfsec   = ["aws-rds-enable-iam-auth"]
    trivy   = ["AVD-AWS-0176"]
    checkov = ["CKV_AWS_161", "CKV_AWS_162"]
  }
  description = <<-EOT
    Without IAM database authentication every application and person connects with a
    long-lived database password. Those passwords end up in configuration files, CI
    variables and laptops, are rarely rotated, and survive the departure of whoever
    knew them: an attacker who finds one can log in until someone changes it by hand.
    With IAM authentication, workloads obtain a 15-minute token signed with their IAM
    role (`rds-db:connect`), access is granted and revoked in IAM, and every token
    request is in CloudTrail. The master password still exists, so keep it in
    Secrets Manager. Only MySQL, MariaDB, PostgreSQL and Aurora engines support it;
    other engines are skipped.
  EOT

  fix {
    title = "Enable IAM database authentication"
    set {
      path  = "iam_database_authentication_enabled"
      value = true
    }
  }
}

rule "TM-AWS-DOCDB-AUDIT-LOGS" {
  title      = "DocumentDB cluster does not export audit logs"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_docdb_cluster"]
  condition  = "!('audit' in get(r, 'enabled_cloudwatch_logs_exports', []))"
  location   = "enabled_cloudwatch_logs_exports"
  message    = "Authentication attempts, DDL and user management on the cluster are not logged to CloudWatch."
  remediation = "Add \"audit\" to enabled_cloudwatch_logs_exports and set audit_logs = enabled in the cluster parameter group."
  equivalents {
    tfsec   = ["aws-documentdb-enable-log-export"]
    trivy   = ["AVD-AWS-0020"]
    checkov = ["CKV_AWS_85"]
  }
  description = <<-EOT
    Without the audit log export there is no record of failed logins, of who created
    users or changed roles, or of collections dropped. A password-guessing attack or
    an insider copying data leaves no trace you can alert on or investigate. Exporting
    `audit` sends these events to CloudWatch Logs, where they can be retained and
    monitored; the cluster parameter group must also set `audit_logs` to `enabled`.
  EOT

  fix {
    title   = "Export audit logs"
    applies = "!('profiler' in get(r, 'enabled_cloudwatch_logs_exports', []))"
    set {
      path  = "enabled_cloudwatch_logs_exports"
      value = ["audit"]
    }
  }
  fix {
    title   = "Export audit logs next to profiler logs"
    applies = "'profiler' in get(r, 'enabled_cloudwatch_logs_exports', [])"
    set {
      path  = "enabled_cloudwatch_logs_exports"
      value = ["audit", "profiler"]
    }
  }
}

rule "TM-AWS-NEPTUNE-AUDIT-LOGS" {
  title      = "Neptune cluster does not export audit logs"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_neptune_cluster"]
  condition  = "!('audit' in get(r, 'enable_cloudwatch_logs_exports', []))"
  location   = "enable_cloudwatch_logs_exports"
  message    = "Queries and connections to the graph database are not logged to CloudWatch."
  remediation = "Add \"audit\" to enable_cloudwatch_logs_exports and set neptune_enable_audit_log = 1 in the cluster parameter group."
  equivalents {
    tfsec   = ["aws-neptune-enable-log-export"]
    trivy   = ["AVD-AWS-0075"]
    checkov = ["CKV_AWS_101"]
  }
  description = <<-EOT
    Neptune audit logs record every connection and query with the client address and
    IAM identity. Without the export, bulk traversals that copy the graph, or probing
    by a compromised application, cannot be detected or reconstructed afterwards.
    Exporting `audit` to CloudWatch Logs keeps that record outside the cluster; the
    cluster parameter group must also set `neptune_enable_audit_log` to `1`.
  EOT

  fix {
    title   = "Export audit logs"
    applies = "!('slowquery' in get(r, 'enable_cloudwatch_logs_exports', []))"
    set {
      path  = "enable_cloudwatch_logs_exports"
      value = ["audit"]
    }
  }
  fix {
    title   = "Export audit logs next to slow-query logs"
    applies = "'slowquery' in get(r, 'enable_cloudwatch_logs_exports', [])"
    set {
      path  = "enable_cloudwatch_logs_exports"
      value = ["audit", "slowquery"]
    }
  }
}

rule "TM-AWS-NEPTUNE-IAM-AUTH" {
  title      = "Neptune cluster does not require IAM authentication"
  severity   = "medium"
  stride     = ["spoofing", "information-disclosure"]
  cwe        = ["CWE-306"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-2", "nist-800-53-r5:AC-3", "dora:art9", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_neptune_cluster"]
  condition  = "!get(r, 'iam_database_authentication_enabled', false)"
  location   = "iam_database_authentication_enabled"
  message    = "Any client that can reach the Neptune endpoint can query the graph without credentials."
  remediation = "Set iam_database_authentication_enabled = true and sign requests (SigV4) with roles granted neptune-db:* actions."
  equivalents {
    checkov = ["CKV_AWS_359"]
  }
  description = <<-EOT
    Neptune has no database users: unless IAM authentication is on, every client that
    can open a connection to port 8182 can read and write the whole graph. Network
    controls are then the only barrier, so a compromised workload anywhere in the VPC,
    or a too-broad security group rule, gives full access. With IAM authentication
    each request must be signed by a principal allowed `neptune-db:*`, which can be
    scoped to read-only and revoked centrally, and is visible in CloudTrail.
  EOT

  fix {
    title = "Require IAM authentication"
    set {
      path  = "iam_database_authentication_enabled"
      value = true
    }
  }
}

rule "TM-AWS-REDSHIFT-ENCRYPTION" {
  title      = "Redshift cluster encryption is turned off"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 5
  resource   = ["aws_redshift_cluster"]
  condition  = "get(r, 'encrypted', true) == false"
  location   = "encrypted"
  message    = "encrypted = false: the warehouse's data blocks, backups and snapshots are stored in clear."
  remediation = "Set encrypted = true (with kms_key_id for a customer managed key)."
  equivalents {
    trivy   = ["AVD-AWS-0084"]
    checkov = ["CKV_AWS_64"]
  }
  description = <<-EOT
    A data warehouse usually holds the most complete copy of a company's data. With
    encryption off, its storage, automated and manual snapshots are unencrypted: a
    snapshot shared with another account by mistake, or by someone holding
    `redshift:AuthorizeSnapshotAccess`, can be restored and read elsewhere. Encrypted
    clusters make every copy depend on the KMS key. Only an explicit
    `encrypted = false` is flagged: AWS encrypts new provisioned clusters by default
    since 2025 and AWS provider 6 defaults the argument to true.
  EOT

  fix {
    title = "Encrypt the cluster"
    set {
      path  = "encrypted"
      value = true
    }
  }
}

rule "TM-AWS-DAX-ENCRYPTION" {
  title      = "DAX cluster is not encrypted at rest"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_dax_cluster"]
  condition  = "!get(r, 'server_side_encryption.enabled', false)"
  location   = "server_side_encryption"
  message    = "The DAX cache stores DynamoDB items, its configuration and logs unencrypted."
  remediation = "Add server_side_encryption { enabled = true } (this replaces the cluster)."
  equivalents {
    tfsec   = ["aws-dynamodb-enable-at-rest-encryption"]
    trivy   = ["AVD-AWS-0023"]
    checkov = ["CKV_AWS_47"]
  }
  description = <<-EOT
    DynamoDB tables are always encrypted, but a DAX cluster in front of them is not
    unless `server_side_encryption` is enabled: cached items, system logs and
    configuration sit unencrypted on the cache nodes' disks. Data that is encrypted
    in the table then leaks through the cache's storage. Encryption at rest for DAX
    can only be chosen when the cluster is created, so the fix replaces the cluster.
  EOT

  fix {
    title = "Encrypt the DAX cluster at rest"
    set {
      path  = "server_side_encryption.enabled"
      value = true
    }
  }
}

rule "TM-AWS-RDS-TLS-NOT-REQUIRED" {
  title      = "RDS parameter group does not require TLS connections"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_db_parameter_group", "aws_rds_cluster_parameter_group"]
  applies    = "get(r, 'family', '').matches('^(postgres|mysql|mariadb|aurora-mysql)')"
  condition  = "get(r, 'family', '').matches('^postgres') ? (get(r, 'family', '').matches('^postgres(9|1[0-4])') ? !all_blocks(r, 'parameter').exists(p, get(p, 'name', '') == 'rds.force_ssl' && get(p, 'value', '') in ['1', 'true', 'on']) : all_blocks(r, 'parameter').exists(p, get(p, 'name', '') == 'rds.force_ssl' && get(p, 'value', '') in ['0', 'false', 'off'])) : !all_blocks(r, 'parameter').exists(p, get(p, 'name', '') == 'require_secure_transport' && lower(get(p, 'value', '')) in ['1', 'on', 'true'])"
  location   = "parameter"
  message    = "Databases using this parameter group accept unencrypted client connections."
  remediation = "Add parameter { name = \"rds.force_ssl\", value = \"1\" } (PostgreSQL) or parameter { name = \"require_secure_transport\", value = \"1\" } (MySQL, MariaDB, Aurora MySQL)."
  equivalents {
    checkov = ["CKV2_AWS_69"]
  }
  description = <<-EOT
    Storage encryption does not protect the wire. Unless the parameter group
    requires TLS, clients may connect in clear, and a misconfigured driver
    silently does: credentials (for MySQL native and PostgreSQL md5
    authentication, enough to log in) and every query result then cross the
    network readable and modifiable by anyone positioned on the path.
    `rds.force_ssl = 1` (PostgreSQL) or `require_secure_transport = 1` (MySQL,
    MariaDB, Aurora MySQL) makes the server refuse unencrypted connections.
    PostgreSQL 15 and later force TLS by default, so for those families only an
    explicit `rds.force_ssl = 0` is flagged. The fix is offered when the group
    has no other parameters, or only that one.
  EOT

  fix {
    title   = "Require TLS (rds.force_ssl = 1)"
    applies = "get(r, 'family', '').matches('^postgres') && size(all_blocks(r, 'parameter')) == 0"
    set {
      path  = "parameter.name"
      value = "rds.force_ssl"
    }
    set {
      path  = "parameter.value"
      value = "1"
    }
  }
  fix {
    title   = "Require TLS (require_secure_transport = 1)"
    applies = "!get(r, 'family', '').matches('^postgres') && size(all_blocks(r, 'parameter')) == 0"
    set {
      path  = "parameter.name"
      value = "require_secure_transport"
    }
    set {
      path  = "parameter.value"
      value = "1"
    }
  }
  fix {
    title   = "Require TLS"
    applies = "size(all_blocks(r, 'parameter')) == 1 && get(r, 'parameter.name', '') in ['rds.force_ssl', 'require_secure_transport']"
    set {
      path  = "parameter.value"
      value = "1"
    }
  }
}

rule "TM-AWS-DB-CLUSTER-DELETION-PROTECTION" {
  title      = "DocumentDB or Neptune deletion protection is off"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "nist-800-53-r5:CP-10", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_docdb_cluster", "aws_neptune_cluster"]
  condition  = "!get(r, 'deletion_protection', false)"
  location   = "deletion_protection"
  message    = "The cluster can be deleted by a single API call or terraform destroy."
  remediation = "Set deletion_protection = true for production clusters."
  description = <<-EOT
    Both DocumentDB and Neptune default `deletion_protection` to false. A mistaken
    `terraform destroy`, a change that forces replacement, or an attacker holding
    `rds:DeleteDBCluster` then removes the cluster, and unless a final snapshot is
    taken its automated backups go with it. Deletion protection makes removal a
    deliberate two-step change.
  EOT

  fix {
    title = "Turn on deletion protection"
    set {
      path  = "deletion_protection"
      value = true
    }
  }
}

rule "TM-AWS-RDS-AUTO-MINOR-UPGRADE-OFF" {
  title      = "RDS automatic minor version upgrades are off"
  severity   = "low"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-1104"]
  compliance = ["pci-dss-4.0:6.3.3", "nist-800-53-r5:SI-2", "dora:art9", "mas-trm-2021:7"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_db_instance", "aws_rds_cluster_instance"]
  condition  = "get(r, 'auto_minor_version_upgrade', true) == false"
  location   = "auto_minor_version_upgrade"
  message    = "auto_minor_version_upgrade = false: security patches of the database engine are not applied."
  remediation = "Set auto_minor_version_upgrade = true (upgrades run in the maintenance window)."
  equivalents {
    checkov = ["CKV_AWS_226"]
  }
  description = <<-EOT
    Minor engine versions carry the database vendor's security fixes, for example
    for authentication bypasses and privilege escalation through SQL functions.
    With automatic minor upgrades off, an instance stays on the version it was
    created with until someone upgrades it by hand, which in practice is rare.
    Turning them on applies fixes in the weekly maintenance window.
  EOT

  fix {
    title = "Apply minor engine upgrades automatically"
    set {
      path  = "auto_minor_version_upgrade"
      value = true
    }
  }
}
