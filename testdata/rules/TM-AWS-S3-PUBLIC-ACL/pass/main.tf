resource "aws_s3_bucket" "this" {
  bucket = "acme-private"
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
}

resource "aws_s3_bucket_acl" "legacy" {
  bucket = aws_s3_bucket.legacy.id
  acl    = "private"
}

# A public ACL neutralised by ignore_public_acls is not exposed.
resource "aws_s3_bucket" "neutralised" {
  bucket = "acme-neutralised"
}

resource "aws_s3_bucket_acl" "neutralised" {
  bucket = aws_s3_bucket.neutralised.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "neutralised" {
  bucket                  = aws_s3_bucket.neutralised.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
