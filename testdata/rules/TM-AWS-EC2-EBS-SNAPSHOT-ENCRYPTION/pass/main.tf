resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = true
}

resource "aws_ebs_snapshot" "data" {
  volume_id = aws_ebs_volume.data.id
}

resource "aws_ebs_snapshot_copy" "dr" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
  encrypted          = true
}

# A snapshot of a volume outside this configuration: its encryption is not known
# here, so the rule does not apply.
resource "aws_ebs_snapshot" "external" {
  volume_id = "vol-0123456789abcdef0"
}
