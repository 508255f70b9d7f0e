# expect: TM-AWS-EC2-INSTANCE-DISK-ENCRYPTION
resource "aws_instance" "no_root_block" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

# expect: TM-AWS-EC2-INSTANCE-DISK-ENCRYPTION
resource "aws_instance" "data_disk" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
  }
}
