resource "aws_dms_replication_subnet_group" "private" {
  replication_subnet_group_id          = "private"
  replication_subnet_group_description = "Private subnets"
  subnet_ids                           = ["subnet-aaaa", "subnet-bbbb"]
}

resource "aws_dms_replication_instance" "migration" {
  replication_instance_id     = "migration"
  replication_instance_class  = "dms.t3.medium"
  allocated_storage           = 50
  publicly_accessible         = false
  replication_subnet_group_id = aws_dms_replication_subnet_group.private.id
}

resource "aws_dms_replication_instance" "defaults" {
  replication_instance_id     = "defaults"
  replication_instance_class  = "dms.t3.medium"
  replication_subnet_group_id = aws_dms_replication_subnet_group.private.id
}
