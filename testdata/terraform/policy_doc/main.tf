variable "account" {
  default = "123456789012"
}

variable "unset" {
  type = string
}

data "aws_iam_policy_document" "doc" {
  statement {
    sid       = "ReadOnly"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account}:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["iam:*", "sts:*"]
    not_resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.doc.json]
  statement {
    sid       = "Extra"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "unknown" {
  statement {
    actions   = ["s3:*"]
    resources = [var.unset]
  }
}

resource "aws_iam_policy" "from_doc" {
  name   = "from-doc"
  policy = data.aws_iam_policy_document.doc.json
}

resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "encoded" {
  name = "encoded"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
