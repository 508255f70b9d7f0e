variable "versioning_status" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning_status
  }
}
