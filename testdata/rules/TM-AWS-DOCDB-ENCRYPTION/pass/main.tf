resource "aws_docdb_cluster" "main" {
  cluster_identifier          = "docs"
  engine                      = "docdb"
  master_username             = "docs"
  manage_master_user_password = true
  storage_encrypted           = true
}
