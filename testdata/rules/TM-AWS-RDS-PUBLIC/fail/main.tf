variable "instances" {
  type    = number
  default = 2
}

# expect: TM-AWS-RDS-PUBLIC x2
resource "aws_rds_cluster_instance" "this" {
  count               = var.instances
  identifier          = "aurora-${count.index}"
  cluster_identifier  = "aurora"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = true
}
