# expect: TM-AWS-RDS-CLUSTER-ENCRYPTION
resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  master_username    = "app"
  manage_master_user_password = true
}
