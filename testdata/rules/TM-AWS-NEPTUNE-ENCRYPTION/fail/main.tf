# expect: TM-AWS-NEPTUNE-ENCRYPTION
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  engine             = "neptune"
}
