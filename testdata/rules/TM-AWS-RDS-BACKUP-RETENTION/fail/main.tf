# Default retention: one day.
# expect: TM-AWS-RDS-BACKUP-RETENTION
resource "aws_db_instance" "default_retention" {
  identifier        = "default-retention"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# expect: TM-AWS-RDS-BACKUP-RETENTION
resource "aws_rds_cluster" "no_backups" {
  cluster_identifier      = "no-backups"
  engine                  = "aurora-mysql"
  backup_retention_period = 0
}
