# expect: TM-AWS-RDS-AUTO-MINOR-UPGRADE-OFF
resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  auto_minor_version_upgrade  = false
}

# expect: TM-AWS-RDS-AUTO-MINOR-UPGRADE-OFF x2
resource "aws_rds_cluster_instance" "aurora" {
  count = 2

  identifier                 = "aurora-${count.index}"
  cluster_identifier         = "aurora"
  engine                     = "aurora-postgresql"
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = false
}
