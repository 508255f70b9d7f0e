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

# The access-log target itself is exempt.
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs-target"
}

resource "aws_s3_bucket" "app" {
  bucket = "acme-app"
}

resource "aws_s3_bucket_logging" "app" {
  bucket        = aws_s3_bucket.app.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "s3/acme-app/"
}
