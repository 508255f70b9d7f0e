# expect: TM-AWS-DOCDB-AUDIT-LOGS
resource "aws_docdb_cluster" "catalog" {
  cluster_identifier          = "catalog"
  engine                      = "docdb"
  master_username             = "catalog"
  manage_master_user_password = true
  storage_encrypted           = true
}

# Only the profiler is exported.
# expect: TM-AWS-DOCDB-AUDIT-LOGS
resource "aws_docdb_cluster" "events" {
  cluster_identifier              = "events"
  master_username                 = "events"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["profiler"]
}
