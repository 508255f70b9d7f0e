variable "names" {
  type = list(string)
}

variable "iam_auth" {
  type    = bool
  default = false
}

# expect: TM-AWS-RDS-IAM-AUTH x2
resource "aws_db_instance" "this" {
  count = length(var.names)

  identifier                          = var.names[count.index]
  engine                              = "postgres"
  instance_class                      = "db.t4g.small"
  allocated_storage                   = 50
  username                            = "owner"
  manage_master_user_password         = true
  iam_database_authentication_enabled = var.iam_auth
}
