# Lambda and CloudWatch Logs rules.

rule "TM-AWS-LAMBDA-ENV-SECRETS" {
  title      = "Lambda environment variable holds a secret"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_lambda_function"]
  condition  = "get(r, 'environment.variables', {}).exists(k, !k.matches('(?i)(_arn|_name|_path|_param|_parameter|_url)$') && (looks_secret(k + '=' + string(get(r, 'environment.variables', {})[k])) || (k.matches('(?i)(passw(or)?d|secret|token|api_?key|private_?key|credential)') && !k.matches('(?i)(_id|_version)$') && size(string(get(r, 'environment.variables', {})[k])) >= 8 && !string(get(r, 'environment.variables', {})[k]).startsWith('arn:') && !string(get(r, 'environment.variables', {})[k]).startsWith('{{resolve:'))))"
  location   = "environment"
  message    = "An environment variable looks like a literal credential."
  remediation = "Store the secret in Secrets Manager or SSM Parameter Store, pass its ARN or name in the environment, and read it at runtime (e.g. with the Parameters and Secrets Lambda extension)."
  equivalents {
    checkov = ["CKV_AWS_45"]
  }
  description = <<-EOT
    Environment variables are visible to anyone with `lambda:GetFunctionConfiguration`
    (read-only roles often have it), are stored in Terraform state and version
    control, and are dumped by any code or dependency that logs `process.env`. A
    password or API key placed there leaks through all of them and is never rotated.
    Passing only the secret's ARN and fetching the value at runtime keeps it under IAM
    control, audit and rotation. Variables whose names end in `_ARN`, `_NAME`,
    `_PATH`, `_PARAM(ETER)` or `_URL` are taken to name a secret, not hold one.
  EOT
}

rule "TM-AWS-LAMBDA-URL-AUTH-NONE" {
  title      = "Lambda function URL requires no authentication"
  severity   = "high"
  stride     = ["spoofing", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-306"]
  compliance = ["nist-800-53-r5:AC-3", "nist-800-53-r5:IA-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 4
  impact     = 3
  resource   = ["aws_lambda_function_url"]
  condition  = "get(r, 'authorization_type', '') == 'NONE'"
  location   = "authorization_type"
  message    = "authorization_type = \"NONE\": anyone on the internet can invoke the function."
  remediation = "Use authorization_type = \"AWS_IAM\", or front the function with API Gateway and an authorizer; keep NONE only for deliberately public endpoints that authenticate in code."
  equivalents {
    checkov = ["CKV_AWS_258"]
  }
  description = <<-EOT
    A function URL with no authentication is a public HTTPS endpoint: anyone who finds
    the URL can call the function with any input, run up its bill and concurrency
    (denial of wallet), and reach whatever its execution role can reach. `AWS_IAM`
    requires SigV4-signed requests from principals you allow; functions that must be
    public should validate callers themselves and be suppressed with that reason.
  EOT

  fix {
    title = "Require IAM authentication"
    set {
      path  = "authorization_type"
      value = "AWS_IAM"
    }
  }
}

rule "TM-AWS-CLOUDWATCH-LOG-KMS" {
  title      = "CloudWatch log group is not encrypted with a customer managed key"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["nist-800-53-r5:AU-9", "nist-800-53-r5:SC-28", "dora-rts-2024-1774:art6", "mas-trm-2021:12"]
  likelihood = 1
  impact     = 3
  resource   = ["aws_cloudwatch_log_group"]
  condition  = "!has(r.kms_key_id)"
  location   = "kms_key_id"
  message    = "The log group has no kms_key_id: log data is readable by anyone with logs read access."
  remediation = "Set kms_key_id to a customer managed KMS key whose policy allows the CloudWatch Logs service principal."
  equivalents {
    tfsec   = ["aws-cloudwatch-log-group-customer-key"]
    trivy   = ["AVD-AWS-0017"]
    checkov = ["CKV_AWS_158"]
  }
  description = <<-EOT
    CloudWatch Logs encrypts everything with a service key, but access is then
    governed only by `logs:` permissions, which are broadly granted. Application logs
    routinely contain tokens, personal data and request bodies. With a customer
    managed key, reading a log group also needs `kms:Decrypt`, which you can restrict
    and audit, and disabling the key cuts off access in an incident. The fix adds a
    key, with rotation on, whose policy lets the account administer it and
    CloudWatch Logs in this region use it for this account's log groups.
  EOT

  fix {
    title        = "Encrypt the log group with a new customer managed key"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      data "aws_caller_identity" "$${name}_logs" {}

      data "aws_region" "$${name}_logs" {}

      resource "aws_kms_key" "$${name}_logs" {
        description         = "CloudWatch log group $${name}"
        enable_key_rotation = true
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Sid       = "AccountAdministration"
              Effect    = "Allow"
              Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.$${name}_logs.account_id) }
              Action    = "kms:*"
              Resource  = "*"
            },
            {
              Sid       = "CloudWatchLogs"
              Effect    = "Allow"
              Principal = { Service = format("logs.%s.amazonaws.com", data.aws_region.$${name}_logs.name) }
              Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
              Resource  = "*"
              Condition = {
                ArnLike = {
                  "kms:EncryptionContext:aws:logs:arn" = format("arn:aws:logs:%s:%s:log-group:*", data.aws_region.$${name}_logs.name, data.aws_caller_identity.$${name}_logs.account_id)
                }
              }
            }
          ]
        })
      }
    EOT
    set {
      path = "kms_key_id"
      expr = "aws_kms_key.$${name}_logs.arn"
    }
  }
}

rule "TM-AWS-CLOUDWATCH-LOG-RETENTION" {
  title      = "CloudWatch log group keeps logs for less than a year"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.5.1", "nist-800-53-r5:AU-11", "dora:art10", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 2
  resource   = ["aws_cloudwatch_log_group"]
  condition  = "get(r, 'retention_in_days', 0) != 0 && get(r, 'retention_in_days', 0) < 365"
  location   = "retention_in_days"
  message    = "Logs are deleted before one year: an intrusion found later cannot be investigated."
  remediation = "Set retention_in_days = 365 or more (or export the logs to an archive that keeps them)."
  equivalents {
    checkov = ["CKV_AWS_338"]
  }
  description = <<-EOT
    Intrusions are typically discovered weeks or months after they start. If logs
    expire after 7, 30 or 90 days, the record of how the attacker got in and what
    they touched is gone by the time anyone looks, and PCI DSS requires a year of
    audit history. A retention of at least 365 days (0, never expire, also passes)
    keeps the evidence.
  EOT

  fix {
    title = "Keep logs for 365 days"
    set {
      path  = "retention_in_days"
      value = 365
    }
  }
}

rule "TM-AWS-LAMBDA-PERMISSION-PUBLIC" {
  title      = "Lambda permission lets anyone invoke the function"
  severity   = "high"
  stride     = ["elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_lambda_permission"]
  condition  = "get(r, 'principal', '') == '*' && !has(r.source_arn) && !has(r.source_account) && !has(r.principal_org_id) && get(r, 'action', '') != 'lambda:InvokeFunctionUrl'"
  location   = "principal"
  message    = "principal = \"*\" without source_arn, source_account or principal_org_id: any AWS account can invoke the function."
  remediation = "Grant the permission to the calling service or account (principal = \"s3.amazonaws.com\" with source_arn, or an account ID), or set principal_org_id."
  equivalents {
    tfsec   = ["aws-lambda-restrict-source-arn"]
    trivy   = ["AVD-AWS-0067"]
    checkov = ["CKV_AWS_364"]
  }
  description = <<-EOT
    A resource-based permission for principal `*` without a source condition lets any
    AWS account invoke the function directly, with any input: it can run up cost and
    concurrency and drive whatever the function's role can do. Naming the calling
    service with its `source_arn`, or an account or organisation, limits invocation
    to the integration you built. (Public function URLs are reported by
    TM-AWS-LAMBDA-URL-AUTH-NONE.)
  EOT
}

rule "TM-AWS-LAMBDA-TRACING" {
  title      = "Lambda function has X-Ray tracing off"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "dora:art10"]
  likelihood = 2
  impact     = 2
  resource   = ["aws_lambda_function"]
  condition  = "get(r, 'tracing_config.mode', 'PassThrough') != 'Active'"
  location   = "tracing_config"
  message    = "Invocations of this function are not traced unless an upstream service sampled them."
  remediation = "Add tracing_config { mode = \"Active\" } and give the execution role xray:PutTraceSegments (AWSXRayDaemonWriteAccess)."
  equivalents {
    tfsec   = ["aws-lambda-enable-tracing"]
    trivy   = ["AVD-AWS-0066"]
    checkov = ["CKV_AWS_50"]
  }
  description = <<-EOT
    In `PassThrough` mode a function records traces only when its caller already
    sampled the request, so invocations from S3, SQS, EventBridge or direct calls
    leave no trace of what the function then reached. During an investigation that
    gap hides which downstream services and data an abused function touched. Active
    tracing samples every entry point. The execution role needs
    `xray:PutTraceSegments` and `xray:PutTelemetryRecords`. Low severity: it aids
    detection, it does not prevent anything.
  EOT

  fix {
    title = "Enable active tracing"
    set {
      path  = "tracing_config.mode"
      value = "Active"
    }
  }
}
