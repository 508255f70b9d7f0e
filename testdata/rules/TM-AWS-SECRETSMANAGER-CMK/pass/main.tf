resource "aws_kms_key" "secrets" {
  description         = "Application secrets"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db/master"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret" "tenant" {
  for_each = toset(["acme", "globex"])

  name       = "prod/tenants/${each.key}"
  kms_key_id = aws_kms_key.secrets.key_id
}
