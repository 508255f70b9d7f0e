resource "aws_s3_bucket" "lb_logs" {
  bucket = "acme-lb-logs"
}

variable "access_logs_enabled" {
  type    = bool
  default = true
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    prefix  = "web"
    enabled = var.access_logs_enabled
  }
}

resource "aws_alb" "admin" {
  name    = "admin"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = true
  }
}

# A classic ELB logs as soon as the block is there (enabled defaults to true).
resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:123456789012:certificate/0b6e1c5e-0000-4000-8000-000000000000"
  }

  access_logs {
    bucket        = aws_s3_bucket.lb_logs.id
    bucket_prefix = "legacy"
    interval      = 5
  }
}

# Gateway load balancers have no access logs.
resource "aws_lb" "inspection" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0123456789abcdef0"]
}
