# expect: TM-AWS-KMS-ROTATION
resource "aws_kms_key" "data" {
  description = "data"
}
