# Long passwords, but no symbols or upper case required.
# expect: TM-AWS-IAM-PASSWORD-COMPLEXITY
resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_numbers                = true
  allow_users_to_change_password = true
  password_reuse_prevention      = 24
}
