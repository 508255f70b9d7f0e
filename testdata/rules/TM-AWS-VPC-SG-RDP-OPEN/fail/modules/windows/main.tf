variable "name" {
  type = string
}

variable "rdp_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

resource "aws_security_group" "this" {
  name = var.name
}

# expect: TM-AWS-VPC-SG-RDP-OPEN x2
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.this.id
  cidr_ipv4         = var.rdp_cidr
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}
