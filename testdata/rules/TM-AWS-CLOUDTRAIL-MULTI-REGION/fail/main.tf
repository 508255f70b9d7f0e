# expect: TM-AWS-CLOUDTRAIL-MULTI-REGION
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail"
  enable_log_file_validation = true
}
