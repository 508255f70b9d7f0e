# expect: TM-AWS-COGNITO-MFA-OFF
resource "aws_cognito_user_pool" "customers" {
  name                     = "customers"
  auto_verified_attributes = ["email"]

  password_policy {
    minimum_length    = 12
    require_lowercase = true
    require_numbers   = true
  }
}

# expect: TM-AWS-COGNITO-MFA-OFF
resource "aws_cognito_user_pool" "staff" {
  name              = "staff"
  mfa_configuration = "OFF"

  software_token_mfa_configuration {
    enabled = false
  }
}
