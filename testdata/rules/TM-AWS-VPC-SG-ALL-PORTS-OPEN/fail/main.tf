# expect: TM-AWS-VPC-SG-ALL-PORTS-OPEN
resource "aws_security_group" "open" {
  name = "open"

  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# expect: TM-AWS-VPC-SG-ALL-PORTS-OPEN
resource "aws_vpc_security_group_ingress_rule" "all_v6" {
  security_group_id = aws_security_group.open.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Numeric protocol, as often written.
# expect: TM-AWS-VPC-SG-ALL-PORTS-OPEN
resource "aws_security_group_rule" "numeric" {
  type              = "ingress"
  from_port         = 0
  to_port           = 0
  protocol          = -1
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.open.id
}

# The whole TCP range is every port too (reported once, here, not as SSH/RDP/DB).
# expect: TM-AWS-VPC-SG-ALL-PORTS-OPEN
resource "aws_vpc_security_group_ingress_rule" "tcp_all" {
  security_group_id = aws_security_group.open.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 0
  to_port           = 65535
  ip_protocol       = "tcp"
}
