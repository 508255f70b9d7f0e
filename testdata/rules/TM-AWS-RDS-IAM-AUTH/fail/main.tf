variable "iam_database_authentication_enabled" {
  type    = bool
  default = false
}

# expect: TM-AWS-RDS-IAM-AUTH
resource "aws_db_instance" "app" {
  identifier                          = "app"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "app"
  manage_master_user_password         = true
  iam_database_authentication_enabled = var.iam_database_authentication_enabled
}

# expect: TM-AWS-RDS-IAM-AUTH
resource "aws_rds_cluster" "aurora" {
  cluster_identifier          = "aurora"
  engine                      = "aurora-mysql"
  master_username             = "admin"
  manage_master_user_password = true
}

module "reporting" {
  source = "./modules/postgres"
  names  = ["reporting", "analytics"]
}
