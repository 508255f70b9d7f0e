variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

locals {
  ingress_rules = [
    { port = 443, cidrs = ["0.0.0.0/0"] },
    { port = 22, cidrs = var.admin_cidrs },
  ]
}

# A dynamic block that opens SSH through a variable default.
# expect: TM-AWS-VPC-SG-SSH-OPEN
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-0123456789abcdef0"

  dynamic "ingress" {
    for_each = local.ingress_rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}

# A port range that covers 22, on IPv6.
# expect: TM-AWS-VPC-SG-SSH-OPEN
resource "aws_security_group_rule" "range" {
  type              = "ingress"
  from_port         = 20
  to_port           = 30
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.web.id
}

# expect: TM-AWS-VPC-SG-SSH-OPEN
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}
