# v3 inline ACL
# expect: TM-AWS-S3-PUBLIC-ACL
resource "aws_s3_bucket" "inline" {
  bucket = "acme-inline"
  acl    = "public-read"
}

# v4 split ACL resource
# expect: TM-AWS-S3-PUBLIC-ACL
resource "aws_s3_bucket" "split" {
  bucket = "acme-split"
}

resource "aws_s3_bucket_acl" "split" {
  bucket = aws_s3_bucket.split.id
  acl    = local.acl
}

locals {
  acl = "public-read-write"
}
