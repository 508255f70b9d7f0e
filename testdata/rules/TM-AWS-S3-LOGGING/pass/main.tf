resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = "acme-access-logs"
  target_prefix = "s3/acme-data/"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"

  logging {
    target_bucket = "acme-access-logs"
    target_prefix = "s3/acme-legacy/"
  }
}
