variable "db_ports" {
  type    = set(number)
  default = [5432, 6379]
}

# expect: TM-AWS-VPC-SG-DB-PORT-OPEN x2
resource "aws_security_group_rule" "db" {
  for_each          = var.db_ports
  type              = "ingress"
  from_port         = each.value
  to_port           = each.value
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}

# expect: TM-AWS-VPC-SG-DB-PORT-OPEN
resource "aws_security_group" "mysql" {
  name = "mysql"

  ingress {
    from_port        = 3306
    to_port          = 3306
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}
