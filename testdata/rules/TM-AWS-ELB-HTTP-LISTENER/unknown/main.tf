variable "lb_protocol" {
  type = string
}

resource "aws_elb" "legacy" {
  name               = "legacy-web"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = var.lb_protocol
  }
}
