resource "aws_kms_key" "redshift" {
  description         = "Redshift warehouse"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
  kms_key_id             = aws_kms_key.redshift.arn
}

# Encrypted by default (AWS provider 6, and AWS since 2025).
resource "aws_redshift_cluster" "sandbox" {
  cluster_identifier     = "sandbox"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
}
