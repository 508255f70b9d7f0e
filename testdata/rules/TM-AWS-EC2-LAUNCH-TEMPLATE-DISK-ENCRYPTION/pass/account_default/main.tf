# EBS encryption by default covers the block devices the template declares.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
    }
  }
}
