# expect: TM-AWS-EC2-PUBLIC-IP
resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

# expect: TM-AWS-EC2-PUBLIC-IP
resource "aws_launch_template" "web" {
  name_prefix = "web-"
  image_id    = "ami-0123456789abcdef0"

  network_interfaces {
    associate_public_ip_address = true
  }
}
