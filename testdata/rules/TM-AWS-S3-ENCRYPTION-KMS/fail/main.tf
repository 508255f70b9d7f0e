# No configuration: SSE-S3 only (the AWS default since 2023).
# expect: TM-AWS-S3-ENCRYPTION-KMS
resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

# expect: TM-AWS-S3-ENCRYPTION-KMS
resource "aws_s3_bucket" "aes" {
  bucket = "acme-aes"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aes" {
  bucket = aws_s3_bucket.aes.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# expect: TM-AWS-S3-ENCRYPTION-KMS
resource "aws_s3_bucket" "inline" {
  bucket = "acme-inline"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}
