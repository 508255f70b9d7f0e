# expect: TM-AWS-EC2-EBS-DEFAULT-ENCRYPTION-OFF
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}
