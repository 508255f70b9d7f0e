variable "db_password" {
  type      = string
  sensitive = true
  default   = "placeholder-rotated-by-ops"
}

locals {
  app_settings = {
    "stripe-api-key" = "set-out-of-band"
    "webhook-token"  = "set-out-of-band"
  }
}

# expect: TM-AWS-SSM-PARAMETER-SECRET-PLAINTEXT
resource "aws_ssm_parameter" "db_password" {
  name  = "/app/prod/db/password"
  type  = "String"
  value = var.db_password
}

# expect: TM-AWS-SSM-PARAMETER-SECRET-PLAINTEXT x2
resource "aws_ssm_parameter" "settings" {
  for_each = local.app_settings

  name  = "/app/prod/${each.key}"
  type  = "String"
  value = each.value

  lifecycle {
    ignore_changes = [value]
  }
}

# insecure_value cannot be a SecureString, so no automatic fix.
# expect: TM-AWS-SSM-PARAMETER-SECRET-PLAINTEXT
resource "aws_ssm_parameter" "client_secret" {
  name           = "/app/prod/oauth/client_secret"
  type           = "String"
  insecure_value = "set-out-of-band"
}
