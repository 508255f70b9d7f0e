variable "ebs_block_devices" {
  type = list(object({ device_name = string, volume_size = number }))
  default = [
    { device_name = "/dev/sdf", volume_size = 100 },
  ]
}

resource "aws_instance" "this" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted   = true
    volume_type = "gp3"
  }

  dynamic "ebs_block_device" {
    for_each = var.ebs_block_devices
    content {
      device_name = ebs_block_device.value.device_name
      volume_size = ebs_block_device.value.volume_size
      encrypted   = true
    }
  }
}

resource "aws_launch_template" "app" {
  name_prefix = "app-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }
}

# Block devices come from the launch template.
resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.app.id
  }
}
