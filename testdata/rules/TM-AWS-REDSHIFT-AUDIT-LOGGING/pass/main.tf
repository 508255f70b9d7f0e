resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
}

resource "aws_redshift_logging" "warehouse" {
  cluster_identifier   = aws_redshift_cluster.warehouse.cluster_identifier
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}

locals {
  sandboxes = toset(["team-a", "team-b"])
}

resource "aws_redshift_cluster" "sandbox" {
  for_each = local.sandboxes

  cluster_identifier     = each.key
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
}

resource "aws_redshift_logging" "sandbox" {
  for_each = aws_redshift_cluster.sandbox

  cluster_identifier   = each.value.cluster_identifier
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog"]
}
