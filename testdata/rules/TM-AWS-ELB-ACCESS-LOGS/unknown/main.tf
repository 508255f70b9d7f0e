resource "aws_s3_bucket" "lb_logs" {
  bucket = "acme-lb-logs"
}

variable "access_logs_enabled" {
  type = bool
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = var.access_logs_enabled
  }
}
