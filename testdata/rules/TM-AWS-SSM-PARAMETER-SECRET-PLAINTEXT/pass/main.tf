variable "db_password" {
  type      = string
  sensitive = true
  default   = "placeholder-rotated-by-ops"
}

resource "aws_ssm_parameter" "db_password" {
  name   = "/app/prod/db/password"
  type   = "SecureString"
  key_id = "alias/aws/ssm"
  value  = var.db_password
}

# Plain configuration is fine as a String.
resource "aws_ssm_parameter" "db_host" {
  name  = "/app/prod/db/host"
  type  = "String"
  value = "db.internal.example.com"
}

# A reference to a secret, not the secret itself.
resource "aws_ssm_parameter" "db_secret_arn" {
  name  = "/app/prod/db/password_secret_arn"
  type  = "String"
  value = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
}
