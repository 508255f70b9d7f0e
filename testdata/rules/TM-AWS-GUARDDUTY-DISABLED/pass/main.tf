resource "aws_guardduty_detector" "this" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

# enable defaults to true.
resource "aws_guardduty_detector" "secondary" {
}
