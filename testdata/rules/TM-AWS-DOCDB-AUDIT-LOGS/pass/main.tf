variable "log_exports" {
  type    = list(string)
  default = ["audit", "profiler"]
}

resource "aws_docdb_cluster_parameter_group" "audit" {
  family = "docdb5.0"
  name   = "audited"

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  master_username                 = "catalog"
  manage_master_user_password     = true
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit.name
  enabled_cloudwatch_logs_exports = var.log_exports
}
