# Data stores and messaging: DynamoDB, SQS, SNS, EFS and ElastiCache.

rule "TM-AWS-DYNAMODB-CMK" {
  title      = "DynamoDB table is not encrypted with a customer managed key"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "nist-800-53-r5:SC-12", "dora-rts-2024-1774:art7", "mas-trm-2021:10"]
  likelihood = 1
  impact     = 3
  resource   = ["aws_dynamodb_table"]
  condition  = "!all_blocks(r, 'server_side_encryption').exists(s, get(s, 'enabled', false) == true && has(s.kms_key_arn))"
  location   = "server_side_encryption"
  message    = "The table is encrypted with an AWS owned key: no key policy or key audit trail of your own."
  remediation = "Add server_side_encryption { enabled = true, kms_key_arn = <customer managed key ARN> }."
  equivalents {
    tfsec   = ["aws-dynamodb-table-customer-key"]
    trivy   = ["AVD-AWS-0025"]
    checkov = ["CKV_AWS_119"]
  }
  description = <<-EOT
    DynamoDB always encrypts at rest, by default with an AWS owned key. That protects
    against lost disks but not against anyone with table permissions, and you cannot
    restrict, audit or revoke use of the key. With a customer managed key, reads also
    require `kms:Decrypt`, every use appears in CloudTrail, and disabling the key cuts
    off all access in an incident. Low severity: the data is encrypted either way.
  EOT

  fix {
    title        = "Encrypt the table with a new customer managed key"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      resource "aws_kms_key" "$${name}_dynamodb" {
        description         = "DynamoDB table $${name}"
        enable_key_rotation = true
      }
    EOT
    set {
      path  = "server_side_encryption.enabled"
      value = true
    }
    set {
      path = "server_side_encryption.kms_key_arn"
      expr = "aws_kms_key.$${name}_dynamodb.arn"
    }
  }
}

rule "TM-AWS-DYNAMODB-PITR" {
  title      = "DynamoDB point-in-time recovery is off"
  severity   = "medium"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_dynamodb_table"]
  condition  = "!get(r, 'point_in_time_recovery.enabled', false)"
  location   = "point_in_time_recovery"
  message    = "Point-in-time recovery is off: deleted or overwritten items cannot be restored."
  remediation = "Add point_in_time_recovery { enabled = true }."
  equivalents {
    tfsec   = ["aws-dynamodb-enable-recovery"]
    trivy   = ["AVD-AWS-0024"]
    checkov = ["CKV_AWS_28"]
  }
  description = <<-EOT
    A buggy deploy, a compromised application role or a malicious script can overwrite
    or delete items at full write throughput; without point-in-time recovery the only
    way back is a manual backup, if one exists. PITR keeps continuous backups for 35
    days, so the table can be restored to the second before the damage.
  EOT

  fix {
    title = "Enable point-in-time recovery"
    set {
      path  = "point_in_time_recovery.enabled"
      value = true
    }
  }
}

rule "TM-AWS-SQS-ENCRYPTION" {
  title      = "SQS queue encryption is turned off"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_sqs_queue"]
  condition  = "get(r, 'sqs_managed_sse_enabled', true) == false && !has(r.kms_master_key_id)"
  location   = "sqs_managed_sse_enabled"
  message    = "sqs_managed_sse_enabled = false with no kms_master_key_id: messages are stored unencrypted."
  remediation = "Set sqs_managed_sse_enabled = true, or kms_master_key_id to a KMS key."
  equivalents {
    tfsec   = ["aws-sqs-enable-queue-encryption"]
    trivy   = ["AVD-AWS-0096"]
    checkov = ["CKV_AWS_27"]
  }
  description = <<-EOT
    New queues are encrypted with SQS-managed keys by default, so this rule only fires
    when the configuration switches that off without naming a KMS key. Messages then
    rest unencrypted in SQS storage, where they often carry order data, tokens or
    personal data. Turning SSE back on (or using a KMS key, which also lets a key
    policy restrict who can read) keeps them encrypted.
  EOT

  fix {
    title = "Turn on SQS-managed encryption"
    set {
      path  = "sqs_managed_sse_enabled"
      value = true
    }
  }
}

rule "TM-AWS-SNS-ENCRYPTION" {
  title      = "SNS topic is not encrypted"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_sns_topic"]
  condition  = "!has(r.kms_master_key_id)"
  location   = "kms_master_key_id"
  message    = "The topic has no kms_master_key_id: messages are stored unencrypted while in flight through SNS."
  remediation = "Set kms_master_key_id (alias/aws/sns, or a customer managed key for cross-service publishers)."
  equivalents {
    tfsec   = ["aws-sns-enable-topic-encryption"]
    trivy   = ["AVD-AWS-0095"]
    checkov = ["CKV_AWS_26"]
  }
  description = <<-EOT
    Unlike SQS, SNS does not encrypt topics by default: messages waiting for delivery
    (and retries to failing subscribers) are stored in clear. Server-side encryption
    with KMS protects them at rest and makes publishing and reading depend on the key
    policy as well as the topic policy.
  EOT

  fix {
    title = "Encrypt the topic with the AWS managed SNS key"
    set {
      path  = "kms_master_key_id"
      value = "alias/aws/sns"
    }
  }
}

rule "TM-AWS-EFS-ENCRYPTION" {
  title      = "EFS file system is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_efs_file_system"]
  condition  = "!get(r, 'encrypted', false)"
  location   = "encrypted"
  message    = "The file system is not encrypted at rest (the Terraform default)."
  remediation = "Set encrypted = true (with kms_key_id for a customer managed key); this replaces the file system."
  equivalents {
    tfsec   = ["aws-efs-enable-at-rest-encryption"]
    trivy   = ["AVD-AWS-0037"]
    checkov = ["CKV_AWS_42"]
  }
  description = <<-EOT
    `encrypted` defaults to false in Terraform (the console defaults to true), so file
    systems created from code are often stored in clear, along with their backups.
    Shared file systems tend to hold exports, uploads and configuration with secrets.
    Encryption at rest, decided at creation, protects the data and its backups with a
    KMS key whose policy you control.
  EOT

  fix {
    title = "Encrypt the file system"
    set {
      path  = "encrypted"
      value = true
    }
  }
}

rule "TM-AWS-ELASTICACHE-AT-REST" {
  title      = "ElastiCache replication group is not encrypted at rest"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_elasticache_replication_group"]
  condition  = "!get(r, 'at_rest_encryption_enabled', get(r, 'engine', 'redis') == 'valkey')"
  location   = "at_rest_encryption_enabled"
  message    = "Cache data on disk (snapshots, swap) is not encrypted."
  remediation = "Set at_rest_encryption_enabled = true (forces a new replication group)."
  equivalents {
    tfsec   = ["aws-elasticache-enable-at-rest-encryption"]
    trivy   = ["AVD-AWS-0045"]
    checkov = ["CKV_AWS_29"]
  }
  description = <<-EOT
    Caches hold sessions, tokens and copies of database rows. Without at-rest
    encryption, backups and snapshots exported to S3 or shared with other accounts, and
    data swapped to disk, are readable by whoever gets the copy. For Redis OSS the
    provider default is off (Valkey defaults to on). Enabling it encrypts disk and
    snapshot data with KMS.
  EOT

  fix {
    title = "Encrypt the cache at rest"
    set {
      path  = "at_rest_encryption_enabled"
      value = true
    }
  }
}

rule "TM-AWS-ELASTICACHE-IN-TRANSIT" {
  title      = "ElastiCache replication group does not encrypt traffic"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_elasticache_replication_group"]
  condition  = "!get(r, 'transit_encryption_enabled', false)"
  location   = "transit_encryption_enabled"
  message    = "Clients and replicas talk to the cache in plaintext."
  remediation = "Set transit_encryption_enabled = true (and an auth_token or RBAC user group)."
  equivalents {
    tfsec   = ["aws-elasticache-enable-in-transit-encryption"]
    trivy   = ["AVD-AWS-0051"]
    checkov = ["CKV_AWS_30"]
  }
  description = <<-EOT
    Without TLS, anyone who can observe traffic inside the VPC (a compromised
    neighbour instance, a misconfigured traffic mirror) reads session tokens and
    cached data, and can inject commands into the plaintext protocol. TLS encrypts
    client and replication traffic and is the prerequisite for Redis AUTH tokens, so
    that a connection also needs a credential.
  EOT

  fix {
    title = "Encrypt traffic to the cache"
    set {
      path  = "transit_encryption_enabled"
      value = true
    }
  }
}

rule "TM-AWS-SQS-POLICY-PUBLIC" {
  title      = "SQS queue policy allows anyone"
  severity   = "high"
  stride     = ["information-disclosure", "tampering", "denial-of-service"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_sqs_queue_policy", "aws_sqs_queue"]
  condition  = "res.type in ['aws_sqs_queue_policy', 'aws_sns_topic_policy', 'aws_ecr_repository_policy', 'aws_kms_key_policy'] && size(related('aws_iam_policy_document')) > 0 ? related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', [])))) : (statements(get(r, 'policy', '')).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && s.Principal.exists(k, '*' in s.Principal[k])) || (res.type == 'aws_kms_key' && related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', []))))))"
  location   = "policy"
  message    = "A queue policy statement allows Principal \"*\" without any condition."
  remediation = "Name the principals, or restrict the statement with aws:SourceArn / aws:SourceAccount / aws:PrincipalOrgID conditions."
  equivalents {
    tfsec   = ["aws-sqs-no-wildcards-in-policy-documents"]
    trivy   = ["AVD-AWS-0097"]
    checkov = ["CKV_AWS_168", "CKV_AWS_72"]
  }
  description = <<-EOT
    A queue policy granting `*` with no condition lets any AWS account (and, for some
    actions, anonymous callers) send, receive or purge messages: an attacker can read
    your work items, inject forged ones that your consumers trust, or delete them.
    Naming principals, or conditioning on the sending resource (`aws:SourceArn`) or
    your organisation, restricts the queue to the producers you expect.
  EOT
}

rule "TM-AWS-SNS-POLICY-PUBLIC" {
  title      = "SNS topic policy allows anyone"
  severity   = "high"
  stride     = ["information-disclosure", "tampering", "spoofing"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_sns_topic_policy", "aws_sns_topic"]
  condition  = "res.type in ['aws_sqs_queue_policy', 'aws_sns_topic_policy', 'aws_ecr_repository_policy', 'aws_kms_key_policy'] && size(related('aws_iam_policy_document')) > 0 ? related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', [])))) : (statements(get(r, 'policy', '')).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && s.Principal.exists(k, '*' in s.Principal[k])) || (res.type == 'aws_kms_key' && related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', []))))))"
  location   = "policy"
  message    = "A topic policy statement allows Principal \"*\" without any condition."
  remediation = "Name the principals, or restrict the statement with aws:SourceOwner / aws:SourceArn / aws:PrincipalOrgID conditions."
  equivalents {
    checkov = ["CKV_AWS_169"]
  }
  description = <<-EOT
    With `*` and no condition any AWS account can publish to the topic (spoofing
    alerts or injecting messages that subscribers act on) or subscribe its own
    endpoint and receive every message. Conditions on the publishing resource or
    your account/organisation keep the topic to the parties you intend.
  EOT
}

rule "TM-AWS-REDSHIFT-PUBLIC" {
  title      = "Redshift cluster is publicly accessible"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 5
  resource   = ["aws_redshift_cluster"]
  condition  = "get(r, 'publicly_accessible', false) == true"
  location   = "publicly_accessible"
  message    = "publicly_accessible = true gives the warehouse a public address."
  remediation = "Set publicly_accessible = false and reach the cluster from inside the VPC."
  equivalents {
    checkov = ["CKV_AWS_87"]
  }
  description = <<-EOT
    A publicly accessible warehouse is reachable from the internet, protected only by
    its security group and database passwords, while holding the organisation's most
    aggregated data. One broad rule or weak credential exposes all of it. Only an
    explicit `true` is reported (the provider default has changed between versions).
  EOT

  fix {
    title = "Make the cluster private"
    set {
      path  = "publicly_accessible"
      value = false
    }
  }
}

rule "TM-AWS-MQ-PUBLIC" {
  title      = "Amazon MQ broker is publicly accessible"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_mq_broker"]
  condition  = "get(r, 'publicly_accessible', false) == true"
  location   = "publicly_accessible"
  message    = "publicly_accessible = true exposes the broker's endpoints to the internet."
  remediation = "Set publicly_accessible = false and connect producers and consumers from inside the VPC."
  equivalents {
    tfsec   = ["aws-mq-no-public-access"]
    trivy   = ["AVD-AWS-0072"]
    checkov = ["CKV_AWS_69"]
  }
  description = <<-EOT
    A public broker accepts connections from anywhere; with a weak or leaked broker
    password an attacker reads and injects messages, and the broker's protocols are
    exposed to brute force and exploits. A private broker is reachable only from the
    VPC.
  EOT

  fix {
    title = "Make the broker private"
    set {
      path  = "publicly_accessible"
      value = false
    }
  }
}

rule "TM-AWS-MQ-AUDIT-LOGS" {
  title      = "Amazon MQ broker does not log audit events"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_mq_broker"]
  applies    = "lower(get(r, 'engine_type', '')) == 'activemq'"
  condition  = "!get(r, 'logs.audit', false)"
  location   = "logs"
  message    = "Management actions on the ActiveMQ broker (JMX, web console) are not logged to CloudWatch."
  remediation = "Add logs { audit = true } (and general = true for broker activity)."
  equivalents {
    tfsec   = ["aws-mq-enable-audit-logging"]
    trivy   = ["AVD-AWS-0070"]
    checkov = ["CKV_AWS_48"]
  }
  description = <<-EOT
    ActiveMQ audit logs record management operations made through JMX and the web
    console: queues purged or deleted, destinations created, messages browsed or
    moved. Without them, someone with console access can drain or tamper with
    queues and leave no trace. `logs { audit = true }` publishes these events to
    CloudWatch Logs. RabbitMQ brokers do not support audit logs and are skipped.
  EOT

  fix {
    title = "Publish audit logs"
    set {
      path  = "logs.audit"
      value = true
    }
  }
}

rule "TM-AWS-ELASTICACHE-BACKUP" {
  title      = "ElastiCache Redis has no automatic backups"
  severity   = "low"
  stride     = ["denial-of-service", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_elasticache_replication_group", "aws_elasticache_cluster"]
  applies    = "res.type == 'aws_elasticache_replication_group' ? get(r, 'engine', 'redis') in ['redis', 'valkey'] : (get(r, 'engine', '') in ['redis', 'valkey'] && !has(r.replication_group_id))"
  condition  = "get(r, 'snapshot_retention_limit', 0) == 0"
  location   = "snapshot_retention_limit"
  message    = "snapshot_retention_limit is 0: no automatic snapshots are kept."
  remediation = "Set snapshot_retention_limit to the number of days to keep (for example 7) and a snapshot_window."
  equivalents {
    checkov = ["CKV_AWS_134"]
  }
  description = <<-EOT
    Redis is often more than a cache: sessions, rate-limit counters, queues and
    leaderboards live only there. With no automatic snapshots, a `FLUSHALL` from a
    compromised client, a bad deploy or a failed node leaves nothing to restore from.
    Keeping daily snapshots for a week bounds the loss to a day. Memcached has no
    snapshots and is skipped, as are clusters that belong to a replication group.
  EOT

  fix {
    title = "Keep automatic snapshots for 7 days"
    set {
      path  = "snapshot_retention_limit"
      value = 7
    }
  }
}

rule "TM-AWS-REDSHIFT-AUDIT-LOGGING" {
  title      = "Redshift cluster has no audit logging"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_redshift_cluster"]
  condition  = "!get(r, 'logging.enable', false) && size(related('aws_redshift_logging')) == 0"
  location   = "cluster_identifier"
  message    = "Connections, user changes and queries on the warehouse are not logged."
  remediation = "Add an aws_redshift_logging resource for the cluster (CloudWatch or S3 destination) with connectionlog, userlog and useractivitylog."
  equivalents {
    checkov = ["CKV_AWS_71"]
  }
  description = <<-EOT
    Redshift audit logs record connection attempts (with source address and user),
    changes to users and grants, and, with user activity logging, each query. Without
    them, a stolen database password used to unload tables, or a privilege granted to
    a new user, cannot be detected or traced. The fix adds an `aws_redshift_logging`
    resource that delivers all three logs to CloudWatch Logs; query text in the user
    activity log also needs `enable_user_activity_logging = true` in the parameter
    group.
  EOT

  fix {
    title        = "Send audit logs to CloudWatch Logs"
    add_resource = <<-EOT
      resource "aws_redshift_logging" "$${name}" {
        cluster_identifier   = $${self}.cluster_identifier
        log_destination_type = "cloudwatch"
        log_exports          = ["connectionlog", "userlog", "useractivitylog"]
      }
    EOT
  }
}
