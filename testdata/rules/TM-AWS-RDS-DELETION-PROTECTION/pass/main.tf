locals {
  is_production = true
}

resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  deletion_protection = local.is_production
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier  = "aurora"
  engine              = "aurora-postgresql"
  deletion_protection = true
}
