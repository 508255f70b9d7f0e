resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = "arn:aws:kms:eu-west-1:123456789012:key/0b6e1c5e-0000-4000-8000-000000000000"
}
