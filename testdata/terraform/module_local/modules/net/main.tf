variable "cidr" {}

resource "aws_security_group" "sg" {
  name = "sg-${var.cidr}"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

module "inner" {
  source = "../inner"
  label  = aws_security_group.sg.name
}

output "sg_name" {
  value = aws_security_group.sg.name
}
