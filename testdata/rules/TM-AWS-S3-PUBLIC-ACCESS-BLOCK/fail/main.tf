variable "buckets" {
  type    = set(string)
  default = ["assets", "reports"]
}

# expect: TM-AWS-S3-PUBLIC-ACCESS-BLOCK x2
resource "aws_s3_bucket" "data" {
  for_each = var.buckets
  bucket   = "acme-${each.key}"
}

# The access block names a different bucket, so it protects neither of the above.
resource "aws_s3_bucket_public_access_block" "other" {
  bucket                  = "acme-unrelated"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

module "site" {
  source = "./modules/site"
  name   = "acme-site"
}
