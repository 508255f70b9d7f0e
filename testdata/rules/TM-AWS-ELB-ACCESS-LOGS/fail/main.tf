resource "aws_s3_bucket" "lb_logs" {
  bucket = "acme-lb-logs"
}

# expect: TM-AWS-ELB-ACCESS-LOGS
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

# The block alone does not turn logging on for aws_lb: enabled defaults to false.
# expect: TM-AWS-ELB-ACCESS-LOGS
resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "network"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket = aws_s3_bucket.lb_logs.id
    prefix = "api"
  }
}

# expect: TM-AWS-ELB-ACCESS-LOGS
resource "aws_alb" "admin" {
  name    = "admin"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = false
  }
}

# expect: TM-AWS-ELB-ACCESS-LOGS
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
}

# expect: TM-AWS-ELB-ACCESS-LOGS
resource "aws_elb" "paused" {
  name               = "paused"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:123456789012:certificate/0b6e1c5e-0000-4000-8000-000000000000"
  }

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = false
  }
}
