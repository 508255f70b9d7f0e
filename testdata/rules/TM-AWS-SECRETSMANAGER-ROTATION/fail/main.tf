# expect: TM-AWS-SECRETSMANAGER-ROTATION
resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}
