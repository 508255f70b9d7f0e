# expect: TM-AWS-S3-LOGGING
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
