# expect: TM-AWS-SNS-POLICY-PUBLIC
resource "aws_sns_topic" "alerts" {
  name = "alerts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["sns:Publish", "sns:Subscribe"]
      Resource  = "arn:aws:sns:eu-west-1:123456789012:alerts"
    }]
  })
}
