locals {
  clusters = {
    graph = ["audit"]
    fraud = ["audit", "slowquery"]
  }
}

resource "aws_neptune_cluster" "this" {
  for_each = local.clusters

  cluster_identifier                  = each.key
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  enable_cloudwatch_logs_exports      = each.value
}
