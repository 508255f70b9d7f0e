# expect: TM-AWS-IAM-ADMIN-POLICY-DOCUMENT
data "aws_iam_policy_document" "admin" {
  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

# expect: TM-AWS-IAM-ADMIN-POLICY-DOCUMENT
data "aws_iam_policy_document" "mixed" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.data.arn}/*"]
  }

  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

# The admin statement arrives through source_policy_documents.
# expect: TM-AWS-IAM-ADMIN-POLICY-DOCUMENT
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })]

  statement {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
