resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 50
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  metadata_options {
    http_tokens = "required"
  }
}

# Only the AMI's devices: nothing declared here to check.
resource "aws_launch_template" "ami_defaults" {
  name_prefix = "ami-"
  image_id    = "ami-0123456789abcdef0"
}
