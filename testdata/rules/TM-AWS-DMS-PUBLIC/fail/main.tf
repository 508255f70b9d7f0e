variable "publicly_accessible" {
  type    = bool
  default = true
}

# expect: TM-AWS-DMS-PUBLIC
resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  allocated_storage          = 50
  publicly_accessible        = var.publicly_accessible
}
