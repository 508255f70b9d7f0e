resource "aws_s3_bucket" "latin1" {
  bucket = "café"
}
