# PostgreSQL 14 does not force TLS by default.
# expect: TM-AWS-RDS-TLS-NOT-REQUIRED
resource "aws_db_parameter_group" "pg14" {
  name   = "app-pg14"
  family = "postgres14"
}

# Forced TLS switched off explicitly on PostgreSQL 16.
# expect: TM-AWS-RDS-TLS-NOT-REQUIRED
resource "aws_db_parameter_group" "pg16" {
  name   = "app-pg16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

# expect: TM-AWS-RDS-TLS-NOT-REQUIRED
resource "aws_rds_cluster_parameter_group" "aurora" {
  name   = "orders"
  family = "aurora-mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "OFF"
  }
}

# Other parameters set, TLS not required: flagged, fix left to the author.
# expect: TM-AWS-RDS-TLS-NOT-REQUIRED
resource "aws_db_parameter_group" "mysql" {
  name   = "legacy-mysql"
  family = "mysql8.0"

  parameter {
    name  = "character_set_server"
    value = "utf8mb4"
  }

  parameter {
    name  = "slow_query_log"
    value = "1"
  }
}
