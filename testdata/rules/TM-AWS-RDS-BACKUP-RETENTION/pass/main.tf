variable "backup_retention_period" {
  type    = number
  default = 14
}

resource "aws_db_instance" "main" {
  identifier              = "main"
  engine                  = "mysql"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = var.backup_retention_period
  backup_window           = "03:00-04:00"
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier      = "aurora"
  engine                  = "aurora-mysql"
  backup_retention_period = 7
}
