resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  maintenance_window          = "sun:03:00-sun:04:00"
}

resource "aws_rds_cluster_instance" "aurora" {
  count = 2

  identifier                 = "aurora-${count.index}"
  cluster_identifier         = "aurora"
  engine                     = "aurora-postgresql"
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = true
}
