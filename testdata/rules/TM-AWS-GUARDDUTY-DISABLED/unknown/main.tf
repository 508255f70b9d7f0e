variable "enable_guardduty" {
  type = bool
}

resource "aws_guardduty_detector" "this" {
  enable = var.enable_guardduty
}
