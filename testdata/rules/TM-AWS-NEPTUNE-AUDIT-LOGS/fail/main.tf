# expect: TM-AWS-NEPTUNE-AUDIT-LOGS
resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

# expect: TM-AWS-NEPTUNE-AUDIT-LOGS
resource "aws_neptune_cluster" "fraud" {
  cluster_identifier                  = "fraud"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  enable_cloudwatch_logs_exports      = ["slowquery"]
}
