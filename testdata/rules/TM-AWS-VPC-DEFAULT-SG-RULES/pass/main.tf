resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Managed with no rules: nothing may use it.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}
