variable "deletion_protection" {
  type    = bool
  default = true
}

resource "aws_docdb_cluster" "catalog" {
  cluster_identifier          = "catalog"
  master_username             = "catalog"
  manage_master_user_password = true
  storage_encrypted           = true
  deletion_protection         = var.deletion_protection
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}
