variable "minimum_password_length" {
  type = number
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length = var.minimum_password_length
}
