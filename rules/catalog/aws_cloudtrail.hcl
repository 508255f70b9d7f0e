# CloudTrail and KMS rules: the audit trail and the keys that protect data.

rule "TM-AWS-CLOUDTRAIL-MULTI-REGION" {
  title      = "CloudTrail trail covers only one region"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "cis-aws-1.4:3.1", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_cloudtrail"]
  condition  = "!get(r, 'is_multi_region_trail', false)"
  location   = "is_multi_region_trail"
  message    = "The trail records API activity in its home region only."
  remediation = "Set is_multi_region_trail = true (and include_global_service_events = true)."
  equivalents {
    tfsec   = ["aws-cloudtrail-enable-all-regions"]
    trivy   = ["AVD-AWS-0014"]
    checkov = ["CKV_AWS_67"]
  }
  description = <<-EOT
    Attackers with stolen keys routinely work in regions the victim does not use:
    crypto-mining fleets in a far-away region, or persistence set up where nobody
    looks. A single-region trail (the Terraform default, unlike the console) records
    none of it. A multi-region trail logs API calls in every region, current and
    future.
  EOT

  fix {
    title = "Record every region"
    set {
      path  = "is_multi_region_trail"
      value = true
    }
  }
}

rule "TM-AWS-CLOUDTRAIL-LOG-VALIDATION" {
  title      = "CloudTrail log file validation is off"
  severity   = "high"
  stride     = ["repudiation", "tampering"]
  cwe        = ["CWE-354"]
  compliance = ["pci-dss-4.0:10.3.2", "nist-800-53-r5:AU-9", "cis-aws-1.4:3.2", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_cloudtrail"]
  condition  = "!get(r, 'enable_log_file_validation', false)"
  location   = "enable_log_file_validation"
  message    = "Log files carry no digest: edits or deletions in the log bucket go unnoticed."
  remediation = "Set enable_log_file_validation = true."
  equivalents {
    tfsec   = ["aws-cloudtrail-enable-log-validation"]
    trivy   = ["AVD-AWS-0016"]
    checkov = ["CKV_AWS_36"]
  }
  description = <<-EOT
    An intruder who can write to the log bucket can delete or rewrite the log files
    that record their own actions. With log file validation CloudTrail delivers signed
    hourly digest files chaining the hash of every log file, so
    `aws cloudtrail validate-logs` proves whether any file was modified or removed.
  EOT

  fix {
    title = "Turn on log file validation"
    set {
      path  = "enable_log_file_validation"
      value = true
    }
  }
}

rule "TM-AWS-CLOUDTRAIL-KMS" {
  title      = "CloudTrail logs are not encrypted with KMS"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:10.3.2", "nist-800-53-r5:AU-9", "nist-800-53-r5:SC-28", "cis-aws-1.4:3.7", "dora:art10", "dora-rts-2024-1774:art6", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_cloudtrail"]
  condition  = "!has(r.kms_key_id)"
  location   = "kms_key_id"
  message    = "The trail has no kms_key_id: anyone who can read the log bucket reads the logs."
  remediation = "Set kms_key_id to a customer managed KMS key whose policy allows CloudTrail to encrypt and only auditors to decrypt."
  equivalents {
    tfsec   = ["aws-cloudtrail-encryption-customer-managed-key"]
    trivy   = ["AVD-AWS-0015"]
    checkov = ["CKV_AWS_35"]
  }
  description = <<-EOT
    CloudTrail logs map your whole account: principals, resource names, source IPs and
    request parameters, a reconnaissance gift to an attacker who can read the bucket.
    With SSE-KMS reading a log also requires `kms:Decrypt` on the trail's key, which
    the key policy can restrict to security staff, and every decryption is itself
    logged. The fix adds a key, with rotation on, whose policy lets the account
    administer it and CloudTrail encrypt logs for trails of this account only.
  EOT

  fix {
    title        = "Encrypt the trail with a new customer managed key"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      data "aws_caller_identity" "$${name}_cloudtrail" {}

      resource "aws_kms_key" "$${name}_cloudtrail" {
        description         = "CloudTrail trail $${name}"
        enable_key_rotation = true
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Sid       = "AccountAdministration"
              Effect    = "Allow"
              Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.$${name}_cloudtrail.account_id) }
              Action    = "kms:*"
              Resource  = "*"
            },
            {
              Sid       = "CloudTrailEncryptLogs"
              Effect    = "Allow"
              Principal = { Service = "cloudtrail.amazonaws.com" }
              Action    = "kms:GenerateDataKey*"
              Resource  = "*"
              Condition = {
                StringLike = {
                  "kms:EncryptionContext:aws:cloudtrail:arn" = format("arn:aws:cloudtrail:*:%s:trail/*", data.aws_caller_identity.$${name}_cloudtrail.account_id)
                }
              }
            },
            {
              Sid       = "CloudTrailDescribeKey"
              Effect    = "Allow"
              Principal = { Service = "cloudtrail.amazonaws.com" }
              Action    = "kms:DescribeKey"
              Resource  = "*"
            }
          ]
        })
      }
    EOT
    set {
      path = "kms_key_id"
      expr = "aws_kms_key.$${name}_cloudtrail.arn"
    }
  }
}

rule "TM-AWS-KMS-ROTATION" {
  title      = "KMS key rotation is off"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-324"]
  compliance = ["pci-dss-4.0:3.7.4", "nist-800-53-r5:SC-12", "cis-aws-1.4:3.8", "dora:art9", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_kms_key"]
  applies    = "get(r, 'customer_master_key_spec', 'SYMMETRIC_DEFAULT') == 'SYMMETRIC_DEFAULT' && get(r, 'key_usage', 'ENCRYPT_DECRYPT') == 'ENCRYPT_DECRYPT'"
  condition  = "!get(r, 'enable_key_rotation', false)"
  location   = "enable_key_rotation"
  message    = "Automatic rotation is off for this symmetric key."
  remediation = "Set enable_key_rotation = true (optionally rotation_period_in_days)."
  equivalents {
    tfsec   = ["aws-kms-auto-rotate-keys"]
    trivy   = ["AVD-AWS-0065"]
    checkov = ["CKV_AWS_7"]
  }
  description = <<-EOT
    Without rotation one key version protects every object ever encrypted with it, for
    as long as the key exists, which breaks cryptoperiod requirements and widens the
    damage of any exposure of key material. Automatic rotation creates new key material
    yearly (or on the period you set) while keeping old versions for decryption, with
    no change to applications. Asymmetric and HMAC keys cannot rotate and are skipped.
  EOT

  fix {
    title = "Turn on automatic key rotation"
    set {
      path  = "enable_key_rotation"
      value = true
    }
  }
}

rule "TM-AWS-KMS-POLICY-PUBLIC" {
  title      = "KMS key policy allows anyone"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:3.6.1", "nist-800-53-r5:SC-12", "nist-800-53-r5:AC-3", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 5
  resource   = ["aws_kms_key", "aws_kms_key_policy"]
  condition  = "res.type in ['aws_sqs_queue_policy', 'aws_sns_topic_policy', 'aws_ecr_repository_policy', 'aws_kms_key_policy'] && size(related('aws_iam_policy_document')) > 0 ? related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', [])))) : (statements(get(r, 'policy', '')).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && s.Principal.exists(k, '*' in s.Principal[k])) || (res.type == 'aws_kms_key' && related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', []))))))"
  location   = "policy"
  message    = "A key policy statement allows Principal \"*\" without any condition."
  remediation = "Grant the key to named principals (the account root and specific roles), or restrict the statement with kms:CallerAccount and kms:ViaService conditions."
  equivalents {
    checkov = ["CKV_AWS_33"]
  }
  description = <<-EOT
    The key policy is the primary control on a KMS key. An `Allow` to `*` without
    conditions lets principals of any AWS account use (and, depending on the actions,
    manage) the key: everything it encrypts is then only as private as the ciphertext.
    Granting named principals, or conditioning on `kms:CallerAccount` and
    `kms:ViaService`, keeps decryption within your account and services.
  EOT
}

rule "TM-AWS-CLOUDTRAIL-CLOUDWATCH" {
  title      = "CloudTrail trail does not send events to CloudWatch Logs"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.3.3", "nist-800-53-r5:AU-6", "nist-800-53-r5:SI-4", "cis-aws-1.4:3.4", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_cloudtrail"]
  condition  = "!has(r.cloud_watch_logs_group_arn)"
  location   = "cloud_watch_logs_group_arn"
  message    = "The trail only writes to S3: no metric filter or alarm can react to its events."
  remediation = "Set cloud_watch_logs_group_arn (\"$${aws_cloudwatch_log_group.trail.arn}:*\") and cloud_watch_logs_role_arn."
  equivalents {
    tfsec   = ["aws-cloudtrail-ensure-cloudwatch-integration"]
    trivy   = ["AVD-AWS-0162"]
    checkov = ["CKV2_AWS_10"]
  }
  description = <<-EOT
    Logs that only land in S3 are read after the fact, if at all. Without CloudWatch
    Logs delivery there are no metric filters and alarms on root logins, policy
    changes, disabled keys or console logins without MFA, so an attacker's first
    moves go unnoticed while they happen. Sending the trail to a log group enables
    near-real-time detection. The fix adds a log group (kept a year, encrypted with a
    new customer managed key) and the role CloudTrail assumes to write to it.
  EOT

  fix {
    title        = "Send the trail to a new encrypted CloudWatch log group"
    applies      = "!res.address.endsWith(']') && !has(r.cloud_watch_logs_role_arn)"
    add_resource = <<-EOT
      data "aws_caller_identity" "$${name}_trail_logs" {}

      data "aws_region" "$${name}_trail_logs" {}

      resource "aws_kms_key" "$${name}_trail_logs" {
        description         = "CloudWatch Logs for trail $${name}"
        enable_key_rotation = true
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Sid       = "AccountAdministration"
              Effect    = "Allow"
              Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.$${name}_trail_logs.account_id) }
              Action    = "kms:*"
              Resource  = "*"
            },
            {
              Sid       = "CloudWatchLogs"
              Effect    = "Allow"
              Principal = { Service = format("logs.%s.amazonaws.com", data.aws_region.$${name}_trail_logs.name) }
              Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
              Resource  = "*"
              Condition = {
                ArnLike = {
                  "kms:EncryptionContext:aws:logs:arn" = format("arn:aws:logs:%s:%s:log-group:*", data.aws_region.$${name}_trail_logs.name, data.aws_caller_identity.$${name}_trail_logs.account_id)
                }
              }
            }
          ]
        })
      }

      resource "aws_cloudwatch_log_group" "$${name}_trail_logs" {
        name              = "/aws/cloudtrail/$${name}"
        retention_in_days = 365
        kms_key_id        = aws_kms_key.$${name}_trail_logs.arn
      }

      resource "aws_iam_role" "$${name}_trail_logs" {
        name_prefix = "$${name}-trail-logs-"
        assume_role_policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Effect    = "Allow"
              Principal = { Service = "cloudtrail.amazonaws.com" }
              Action    = "sts:AssumeRole"
              Condition = {
                StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.$${name}_trail_logs.account_id }
              }
            }
          ]
        })
      }

      resource "aws_iam_role_policy" "$${name}_trail_logs" {
        name = "write-trail-logs"
        role = aws_iam_role.$${name}_trail_logs.id
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Effect   = "Allow"
              Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
              Resource = format("%s:log-stream:*", aws_cloudwatch_log_group.$${name}_trail_logs.arn)
            }
          ]
        })
      }
    EOT
    set {
      path = "cloud_watch_logs_group_arn"
      expr = "format(\"%s:*\", aws_cloudwatch_log_group.$${name}_trail_logs.arn)"
    }
    set {
      path = "cloud_watch_logs_role_arn"
      expr = "aws_iam_role.$${name}_trail_logs.arn"
    }
  }
}
