# expect: TM-AWS-KMS-POLICY-PUBLIC
resource "aws_kms_key" "shared" {
  description         = "shared"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
