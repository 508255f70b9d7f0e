# expect: TM-AWS-S3-ACCOUNT-PUBLIC-ACCESS-BLOCK-INCOMPLETE
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls   = true
  block_public_policy = true
}
