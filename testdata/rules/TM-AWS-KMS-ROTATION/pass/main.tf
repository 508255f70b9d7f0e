resource "aws_kms_key" "data" {
  description             = "data"
  enable_key_rotation     = true
  rotation_period_in_days = 180
  deletion_window_in_days = 30
}

# Asymmetric keys cannot rotate automatically.
resource "aws_kms_key" "signing" {
  description              = "signing"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}
