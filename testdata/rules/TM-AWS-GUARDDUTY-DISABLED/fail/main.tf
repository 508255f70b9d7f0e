variable "guardduty_enabled" {
  type    = bool
  default = false
}

# expect: TM-AWS-GUARDDUTY-DISABLED
resource "aws_guardduty_detector" "this" {
  enable                       = var.guardduty_enabled
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}
