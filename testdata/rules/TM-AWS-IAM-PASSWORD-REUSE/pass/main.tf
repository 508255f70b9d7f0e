locals {
  password_policy = {
    minimum_length   = 16
    reuse_prevention = 24
  }
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = local.password_policy.minimum_length
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  password_reuse_prevention      = local.password_policy.reuse_prevention
}
