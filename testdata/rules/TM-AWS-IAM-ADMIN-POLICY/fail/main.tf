# expect: TM-AWS-IAM-ADMIN-POLICY
resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

# expect: TM-AWS-IAM-ADMIN-POLICY
resource "aws_iam_role_policy" "ci" {
  name   = "ci"
  role   = "ci"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::acme/*"]},
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}
      ]
    }
  EOT
}

data "aws_iam_policy_document" "everything" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

# expect: TM-AWS-IAM-ADMIN-POLICY
resource "aws_iam_group_policy" "ops" {
  name   = "ops"
  group  = "ops"
  policy = data.aws_iam_policy_document.everything.json
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

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

# The document's JSON is unknown (it names a bucket ARN), its admin statement is not.
# expect: TM-AWS-IAM-ADMIN-POLICY
resource "aws_iam_role_policy" "mixed" {
  name   = "mixed"
  role   = "app"
  policy = data.aws_iam_policy_document.mixed.json
}
