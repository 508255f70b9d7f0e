variable "publicly_accessible" {
  type = bool
}

resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = var.publicly_accessible
}
