# EBS encryption by default (enabled unless it says otherwise) covers the
# instance's root volume.
resource "aws_ebs_encryption_by_default" "this" {}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
