variable "encrypted" {
  type    = bool
  default = false
}

# expect: TM-AWS-REDSHIFT-ENCRYPTION
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = var.encrypted
}
