# API Gateway (REST and HTTP APIs), ECS and Secrets Manager rules.

rule "TM-AWS-APIGATEWAY-ACCESS-LOGS" {
  title      = "API Gateway stage has no access logging"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 2
  resource   = ["aws_api_gateway_stage", "aws_apigatewayv2_stage"]
  condition  = "size(all_blocks(r, 'access_log_settings')) == 0"
  location   = "access_log_settings"
  message    = "Requests to this stage are not logged."
  remediation = "Add access_log_settings { destination_arn = aws_cloudwatch_log_group.api.arn, format = ... }."
  equivalents {
    tfsec   = ["aws-api-gateway-enable-access-logging"]
    trivy   = ["AVD-AWS-0001"]
    checkov = ["CKV_AWS_76"]
  }
  description = <<-EOT
    The API is the front door; without access logs there is no record of who called
    which route from where, so credential stuffing, enumeration and abuse of a leaked
    API key cannot be detected or investigated. Access logs in CloudWatch Logs record
    caller IP, identity, route and status for every request. The fix adds a log group
    kept for a year and encrypted with a new customer managed key; REST APIs also need
    the account's API Gateway CloudWatch role (`aws_api_gateway_account`).
  EOT

  fix {
    title        = "Log requests to a new encrypted CloudWatch log group"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      data "aws_caller_identity" "$${name}_access_logs" {}

      data "aws_region" "$${name}_access_logs" {}

      resource "aws_kms_key" "$${name}_access_logs" {
        description         = "API Gateway access logs for $${name}"
        enable_key_rotation = true
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Sid       = "AccountAdministration"
              Effect    = "Allow"
              Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.$${name}_access_logs.account_id) }
              Action    = "kms:*"
              Resource  = "*"
            },
            {
              Sid       = "CloudWatchLogs"
              Effect    = "Allow"
              Principal = { Service = format("logs.%s.amazonaws.com", data.aws_region.$${name}_access_logs.name) }
              Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
              Resource  = "*"
              Condition = {
                ArnLike = {
                  "kms:EncryptionContext:aws:logs:arn" = format("arn:aws:logs:%s:%s:log-group:*", data.aws_region.$${name}_access_logs.name, data.aws_caller_identity.$${name}_access_logs.account_id)
                }
              }
            }
          ]
        })
      }

      resource "aws_cloudwatch_log_group" "$${name}_access_logs" {
        name              = "/aws/apigateway/$${name}/access"
        retention_in_days = 365
        kms_key_id        = aws_kms_key.$${name}_access_logs.arn
      }
    EOT
    set {
      path = "access_log_settings.destination_arn"
      expr = "aws_cloudwatch_log_group.$${name}_access_logs.arn"
    }
    set {
      path  = "access_log_settings.format"
      value = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"path\":\"$context.path\",\"status\":\"$context.status\",\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\"}"
    }
  }
}

rule "TM-AWS-APIGATEWAY-OUTDATED-TLS" {
  title      = "API Gateway custom domain allows TLS 1.0"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_api_gateway_domain_name"]
  condition  = "get(r, 'security_policy', '') == 'TLS_1_0'"
  location   = "security_policy"
  message    = "security_policy = \"TLS_1_0\" accepts TLS 1.0 and 1.1 clients."
  remediation = "Set security_policy = \"TLS_1_2\"."
  equivalents {
    tfsec   = ["aws-api-gateway-use-secure-tls-policy"]
    trivy   = ["AVD-AWS-0005"]
    checkov = ["CKV_AWS_206"]
  }
  description = <<-EOT
    TLS 1.0 and 1.1 are deprecated, open to downgrade and padding-oracle attacks, and
    disallowed by PCI DSS. A domain that still accepts them lets an attacker on the
    path force a weaker connection to the API and its tokens. `TLS_1_2` removes them.
  EOT

  fix {
    title = "Require TLS 1.2"
    set {
      path  = "security_policy"
      value = "TLS_1_2"
    }
  }
}

rule "TM-AWS-ECS-PRIVILEGED-CONTAINER" {
  title      = "ECS task runs a privileged container"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:2.2.1", "nist-800-53-r5:AC-6", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 5
  resource   = ["aws_ecs_task_definition"]
  condition  = "json(get(r, 'container_definitions', '[]')).exists(c, get(c, 'privileged', false) == true)"
  location   = "container_definitions"
  message    = "A container definition sets privileged = true."
  remediation = "Remove privileged; grant only the Linux capabilities the container needs (linuxParameters.capabilities.add)."
  description = <<-EOT
    A privileged container has all Linux capabilities and access to the host's
    devices: any code execution inside it (a vulnerable dependency, a poisoned image)
    becomes root on the host, with access to every other task on that instance and
    to the instance role. Dropping privileged mode and adding only the capabilities
    that are really needed keeps a compromise inside the container.
  EOT
}

rule "TM-AWS-SECRETSMANAGER-ROTATION" {
  title      = "Secrets Manager secret is never rotated"
  severity   = "low"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-324"]
  compliance = ["nist-800-53-r5:IA-5", "dora-rts-2024-1774:art7", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_secretsmanager_secret"]
  condition  = "size(related('aws_secretsmanager_secret_rotation')) == 0 && size(all_blocks(r, 'rotation_rules')) == 0"
  location   = "name"
  message    = "No aws_secretsmanager_secret_rotation rotates this secret."
  remediation = "Add aws_secretsmanager_secret_rotation with a rotation Lambda and rotation_rules { automatically_after_days = 30 } (or use RDS-managed master passwords)."
  equivalents {
    checkov = ["CKV2_AWS_57"]
  }
  description = <<-EOT
    A secret that never changes stays valid for as long as any copy of it survives:
    in an old laptop's shell history, a CI log or a departed contractor's notes. A
    leaked credential then gives lasting access. Automatic rotation limits the value
    of any leak to the rotation period. Secrets that cannot rotate (third-party API
    keys) can be suppressed with that reason.
  EOT
}

rule "TM-AWS-APIGATEWAY-XRAY" {
  title      = "API Gateway stage has X-Ray tracing off"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "dora:art10"]
  likelihood = 2
  impact     = 2
  resource   = ["aws_api_gateway_stage"]
  condition  = "!get(r, 'xray_tracing_enabled', false)"
  location   = "xray_tracing_enabled"
  message    = "Requests through this stage are not traced end to end."
  remediation = "Set xray_tracing_enabled = true."
  equivalents {
    tfsec   = ["aws-api-gateway-enable-tracing"]
    trivy   = ["AVD-AWS-0003"]
    checkov = ["CKV_AWS_73"]
  }
  description = <<-EOT
    Tracing links a request at the API to the Lambda functions, queues and databases
    it reached. Without it, investigating an incident (which requests touched which
    backend, where an injected payload went, what a slow-down attack exhausted)
    relies on correlating separate logs by time. With X-Ray tracing each sampled
    request carries a trace ID across services. Low severity: it supports detection
    and investigation, it does not block anything.
  EOT

  fix {
    title = "Enable X-Ray tracing"
    set {
      path  = "xray_tracing_enabled"
      value = true
    }
  }
}

rule "TM-AWS-APIGATEWAY-CACHE-ENCRYPTION" {
  title      = "API Gateway cache is not encrypted"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_api_gateway_method_settings"]
  applies    = "get(r, 'settings.caching_enabled', false) == true"
  condition  = "!get(r, 'settings.cache_data_encrypted', false)"
  location   = "settings"
  message    = "Responses cached by API Gateway for these methods are stored unencrypted."
  remediation = "Set settings { cache_data_encrypted = true }."
  equivalents {
    tfsec   = ["aws-api-gateway-enable-cache-encryption"]
    trivy   = ["AVD-AWS-0002"]
    checkov = ["CKV_AWS_308"]
  }
  description = <<-EOT
    With caching on, API Gateway keeps whole responses (account data, tokens,
    personal data) in the stage's cache cluster for the TTL. Unless
    `cache_data_encrypted` is set they are stored in clear. Encrypting the cache data
    protects those copies at rest. Method settings without caching are skipped.
  EOT

  fix {
    title = "Encrypt cached responses"
    set {
      path  = "settings.cache_data_encrypted"
      value = true
    }
  }
}
