variable "org_id" {
  type    = string
  default = "o-abc123def4"
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrgRead"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject"]
        Resource  = "arn:aws:s3:::acme-shared/*"
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = var.org_id }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-shared", "arn:aws:s3:::acme-shared/*"]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      },
    ]
  })
}

resource "aws_s3_bucket" "named" {
  bucket = "acme-named"
}

resource "aws_s3_bucket_policy" "named" {
  bucket = aws_s3_bucket.named.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/reader" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-named/*"
    }]
  })
}
