variable "versioning_status" {
  type    = string
  default = "Suspended"
}

# expect: TM-AWS-S3-VERSIONING x2
resource "aws_s3_bucket" "this" {
  count  = 2
  bucket = "acme-${count.index}"
}

resource "aws_s3_bucket_versioning" "this" {
  count  = 2
  bucket = aws_s3_bucket.this[count.index].id

  versioning_configuration {
    status = var.versioning_status
  }
}

# expect: TM-AWS-S3-VERSIONING
resource "aws_s3_bucket" "none" {
  bucket = "acme-none"
}

# expect: TM-AWS-S3-VERSIONING
resource "aws_s3_bucket" "inline" {
  bucket = "acme-inline"

  versioning {
    enabled = false
  }
}
