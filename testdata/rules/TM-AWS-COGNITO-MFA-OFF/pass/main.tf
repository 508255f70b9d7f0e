variable "mfa_configuration" {
  type    = string
  default = "ON"
}

resource "aws_cognito_user_pool" "staff" {
  name              = "staff"
  mfa_configuration = var.mfa_configuration

  software_token_mfa_configuration {
    enabled = true
  }
}

resource "aws_cognito_user_pool" "customers" {
  name              = "customers"
  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }
}
