resource "aws_s3_bucket" "ok_before" {
  bucket = "before"
}

resource "aws_s3_bucket" "broken" {
  bucket = "broken"
  acl    = = "private"
}
