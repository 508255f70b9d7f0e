variable "retention_in_days" {
  type    = number
  default = 400
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/api"
  retention_in_days = var.retention_in_days
}

# Never expires.
resource "aws_cloudwatch_log_group" "audit" {
  name = "/audit"
}
