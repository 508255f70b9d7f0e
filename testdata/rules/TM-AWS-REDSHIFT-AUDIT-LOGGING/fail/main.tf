# expect: TM-AWS-REDSHIFT-AUDIT-LOGGING
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
}

locals {
  sandboxes = toset(["team-a", "team-b"])
}

# expect: TM-AWS-REDSHIFT-AUDIT-LOGGING x2
resource "aws_redshift_cluster" "sandbox" {
  for_each = local.sandboxes

  cluster_identifier     = each.key
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
}
