# expect: TM-AWS-IAM-ADMIN-POLICY-DOCUMENT
data "aws_iam_policy_document" "admin" {
  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}
