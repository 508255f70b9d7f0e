# expect: TM-AWS-S3-PUBLIC-POLICY
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.site.json
}

data "aws_iam_policy_document" "site" {
  statement {
    sid     = "PublicRead"
    actions = ["s3:GetObject"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    resources = ["arn:aws:s3:::acme-site/*"]
  }
}

# expect: TM-AWS-S3-PUBLIC-POLICY
resource "aws_s3_bucket" "heredoc" {
  bucket = "acme-heredoc"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::acme-heredoc/*"
    }
  ]
}
POLICY
}

# The document names the bucket by reference, so its JSON is unknown until apply;
# the public statement is still visible.
# expect: TM-AWS-S3-PUBLIC-POLICY
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}

data "aws_iam_policy_document" "assets" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.assets.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = data.aws_iam_policy_document.assets.json
}

# A jsonencode policy whose Resource is the bucket's ARN, known only after apply:
# the public Allow is judged on what is known.
# expect: TM-AWS-S3-PUBLIC-POLICY
resource "aws_s3_bucket" "cdn" {
  bucket = "acme-cdn"
}

resource "aws_s3_bucket_policy" "cdn" {
  bucket = aws_s3_bucket.cdn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.cdn.arn}/*"
    }]
  })
}
