# expect: TM-AWS-DB-CLUSTER-DELETION-PROTECTION
resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  master_username                 = "catalog"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["audit"]
}

variable "deletion_protection" {
  type    = bool
  default = false
}

# expect: TM-AWS-DB-CLUSTER-DELETION-PROTECTION
resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  deletion_protection                 = var.deletion_protection
}
