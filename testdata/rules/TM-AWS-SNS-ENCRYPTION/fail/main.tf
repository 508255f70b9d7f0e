# expect: TM-AWS-SNS-ENCRYPTION
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
