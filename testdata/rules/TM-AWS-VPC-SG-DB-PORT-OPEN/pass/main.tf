resource "aws_security_group" "app" {
  name = "app"
}

resource "aws_security_group" "db" {
  name = "db"
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  from_port                    = 5432
  to_port                      = 5432
  ip_protocol                  = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "redis_private" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 6379
  to_port           = 6379
  ip_protocol       = "tcp"
}
