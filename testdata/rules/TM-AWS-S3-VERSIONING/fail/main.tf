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

# Registry-module style: versioning suspended, and versioning not configured at all.
module "logs" {
  source = "./modules/s3-bucket"
  bucket = "acme-logs"
  versioning = {
    status = "Suspended"
  }
}

module "scratch" {
  source = "./modules/s3-bucket"
  bucket = "acme-scratch"
}
