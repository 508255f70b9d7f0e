# expect: TM-AWS-RDS-DELETION-PROTECTION
resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# expect: TM-AWS-RDS-DELETION-PROTECTION
resource "aws_rds_cluster" "aurora" {
  cluster_identifier  = "aurora"
  engine              = "aurora-postgresql"
  deletion_protection = false
}
