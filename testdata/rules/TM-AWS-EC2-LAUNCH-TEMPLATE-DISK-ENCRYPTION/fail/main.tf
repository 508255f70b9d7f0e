# expect: TM-AWS-EC2-LAUNCH-TEMPLATE-DISK-ENCRYPTION
resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      volume_type = "gp3"
    }
  }

  metadata_options {
    http_tokens = "required"
  }
}
