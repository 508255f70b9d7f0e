resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# expect: TM-AWS-VPC-NACL-ADMIN-PORTS-OPEN
resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# expect: TM-AWS-VPC-NACL-ADMIN-PORTS-OPEN
resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
