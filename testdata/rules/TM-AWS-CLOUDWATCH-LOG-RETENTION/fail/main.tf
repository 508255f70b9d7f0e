variable "services" {
  type    = list(string)
  default = ["api", "worker"]
}

# expect: TM-AWS-CLOUDWATCH-LOG-RETENTION x2
resource "aws_cloudwatch_log_group" "svc" {
  count             = length(var.services)
  name              = "/app/${var.services[count.index]}"
  retention_in_days = 30
}
