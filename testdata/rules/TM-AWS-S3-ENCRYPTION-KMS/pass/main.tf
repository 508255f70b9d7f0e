resource "aws_kms_key" "s3" {
  description         = "S3 bucket key"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "this" {
  bucket = "acme-encrypted"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.s3.arn
      sse_algorithm     = "aws:kms"
    }
    bucket_key_enabled = true
  }
}
