# expect: TM-AWS-EC2-LAUNCH-TEMPLATE-IMDSV1
resource "aws_launch_template" "nodes" {
  name_prefix   = "nodes-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m5.large"
}

# expect: TM-AWS-EC2-LAUNCH-TEMPLATE-IMDSV1
resource "aws_launch_configuration" "legacy" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }
}
