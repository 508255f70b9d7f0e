variable "reports_bucket" {
  type    = string
  default = "acme-reports"
}

# Every action of a service, but on one bucket only.
data "aws_iam_policy_document" "reports" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::${var.reports_bucket}", "arn:aws:s3:::${var.reports_bucket}/*"]
  }
}

resource "aws_iam_policy" "reports" {
  name   = "reports"
  policy = data.aws_iam_policy_document.reports.json
}

# Read-only wildcards on "*" are not every action of the service.
resource "aws_iam_role_policy" "describe" {
  name = "describe"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:Describe*", "s3:List*"]
      Resource = "*"
    }]
  })
}

# Deny statements may use service wildcards.
resource "aws_iam_group_policy" "guard" {
  name  = "guard"
  group = "contractors"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "iam:*"
      Resource = "*"
    }]
  })
}

# Full administrator access is TM-AWS-IAM-ADMIN-POLICY's finding, not this rule's.
resource "aws_iam_role_policy" "breakglass" {
  name = "breakglass"
  role = "breakglass"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
