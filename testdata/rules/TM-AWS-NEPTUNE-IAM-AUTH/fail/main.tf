variable "clusters" {
  type    = set(string)
  default = ["graph", "identity"]
}

# expect: TM-AWS-NEPTUNE-IAM-AUTH x2
resource "aws_neptune_cluster" "this" {
  for_each = var.clusters

  cluster_identifier             = each.key
  storage_encrypted              = true
  enable_cloudwatch_logs_exports = ["audit"]
}

# expect: TM-AWS-NEPTUNE-IAM-AUTH
resource "aws_neptune_cluster" "legacy" {
  cluster_identifier                  = "legacy"
  storage_encrypted                   = true
  iam_database_authentication_enabled = false
}
