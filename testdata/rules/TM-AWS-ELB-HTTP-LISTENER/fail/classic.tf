# expect: TM-AWS-ELB-HTTP-LISTENER
resource "aws_elb" "legacy" {
  name               = "legacy-web"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:123456789012:certificate/0b6e1c5e-0000-4000-8000-000000000000"
  }

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "HTTP"
  }
}
