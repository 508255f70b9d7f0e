variable "iam_database_authentication_enabled" {
  description = "Allow IAM roles to connect with rds-db:connect tokens"
  type        = bool
  default     = true
}

resource "aws_db_instance" "app" {
  identifier                          = "app"
  engine                              = "mysql"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "app"
  manage_master_user_password         = true
  iam_database_authentication_enabled = var.iam_database_authentication_enabled
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "aurora"
  engine                              = "aurora-postgresql"
  master_username                     = "admin"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
}

# SQL Server does not support IAM database authentication.
resource "aws_db_instance" "mssql" {
  identifier                  = "legacy"
  engine                      = "sqlserver-se"
  license_model               = "license-included"
  instance_class              = "db.m5.large"
  allocated_storage           = 100
  username                    = "admin"
  manage_master_user_password = true
}
