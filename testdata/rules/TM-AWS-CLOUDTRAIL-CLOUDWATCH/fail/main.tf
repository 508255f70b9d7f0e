# expect: TM-AWS-CLOUDTRAIL-CLOUDWATCH
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
