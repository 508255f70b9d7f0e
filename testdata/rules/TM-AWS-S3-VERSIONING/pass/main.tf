locals {
  buckets = {
    assets  = "acme-assets"
    backups = "acme-backups"
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = each.value
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"

  versioning {
    enabled = true
  }
}

module "artifacts" {
  source = "./modules/s3-bucket"
  bucket = "acme-artifacts"
  versioning = {
    enabled = true
  }
}
