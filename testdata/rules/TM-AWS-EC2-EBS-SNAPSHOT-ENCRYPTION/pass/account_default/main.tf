# EBS encryption by default encrypts the volume, and so its snapshot.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 20
}

resource "aws_ebs_snapshot" "logs" {
  volume_id = aws_ebs_volume.logs.id
}
