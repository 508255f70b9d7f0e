variable "restrict_public_buckets" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "a" {
  bucket = "acme-a"
}

# expect: TM-AWS-S3-PUBLIC-ACCESS-BLOCK-INCOMPLETE
resource "aws_s3_bucket_public_access_block" "a" {
  bucket                  = aws_s3_bucket.a.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.restrict_public_buckets
}

resource "aws_s3_bucket" "b" {
  bucket = "acme-b"
}

# Omitted flags default to false.
# expect: TM-AWS-S3-PUBLIC-ACCESS-BLOCK-INCOMPLETE
resource "aws_s3_bucket_public_access_block" "b" {
  bucket            = aws_s3_bucket.b.id
  block_public_acls = true
}
