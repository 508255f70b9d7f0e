locals {
  mysql_parameters = {
    character_set_server     = "utf8mb4"
    require_secure_transport = "1"
  }
}

resource "aws_db_parameter_group" "mysql" {
  name   = "app-mysql"
  family = "mysql8.0"

  dynamic "parameter" {
    for_each = local.mysql_parameters
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}

resource "aws_db_parameter_group" "pg14" {
  name   = "app-pg14"
  family = "postgres14"

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }
}

# PostgreSQL 16 forces TLS by default.
resource "aws_db_parameter_group" "pg16" {
  name   = "app-pg16"
  family = "postgres16"
}

# Oracle and SQL Server are out of scope.
resource "aws_db_parameter_group" "oracle" {
  name   = "erp"
  family = "oracle-ee-19"
}
