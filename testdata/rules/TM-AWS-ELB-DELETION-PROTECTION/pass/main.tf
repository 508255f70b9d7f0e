variable "enable_deletion_protection" {
  type    = bool
  default = true
}

resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  subnets                    = ["subnet-aaaa", "subnet-bbbb"]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.enable_deletion_protection
}
