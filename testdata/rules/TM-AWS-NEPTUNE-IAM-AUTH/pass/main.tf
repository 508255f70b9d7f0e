variable "iam_database_authentication_enabled" {
  type    = bool
  default = true
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  storage_encrypted                   = true
  iam_database_authentication_enabled = var.iam_database_authentication_enabled
  enable_cloudwatch_logs_exports      = ["audit"]
}
