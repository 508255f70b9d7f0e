# EBS encryption by default is declared but turned off: it protects nothing.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

# expect: TM-AWS-EC2-EBS-ENCRYPTION
resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 20
}
