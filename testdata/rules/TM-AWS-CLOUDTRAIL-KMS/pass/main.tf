resource "aws_kms_key" "trail" {
  description         = "CloudTrail"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
}
