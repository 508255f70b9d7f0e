resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
}

# expect: TM-AWS-EC2-EBS-SNAPSHOT-ENCRYPTION
resource "aws_ebs_snapshot" "data" {
  volume_id = aws_ebs_volume.data.id
}

# expect: TM-AWS-EC2-EBS-SNAPSHOT-ENCRYPTION
resource "aws_ebs_snapshot_copy" "dr" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
}
