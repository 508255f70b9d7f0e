# An account-wide block that leaves public policies allowed does not stand in for
# the bucket's own block.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# expect: TM-AWS-S3-PUBLIC-ACCESS-BLOCK
resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}
