resource "aws_iam_user" "alice" {
  name = "alice"
}

# expect: TM-AWS-IAM-USER-POLICY
resource "aws_iam_user_policy_attachment" "alice" {
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# expect: TM-AWS-IAM-USER-POLICY
resource "aws_iam_policy_attachment" "billing" {
  name       = "billing"
  users      = [aws_iam_user.alice.name]
  policy_arn = "arn:aws:iam::aws:policy/job-function/Billing"
}
