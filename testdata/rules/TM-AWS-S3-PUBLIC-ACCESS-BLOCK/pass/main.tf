variable "buckets" {
  type    = set(string)
  default = ["assets", "reports"]
}

resource "aws_s3_bucket" "data" {
  for_each = var.buckets
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "data" {
  for_each = aws_s3_bucket.data

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

# Named by literal bucket name rather than by reference.
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = "acme-logs"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
