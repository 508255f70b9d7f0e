# No default and no tfvars: whether SSH is open cannot be known.
variable "admin_cidrs" {
  type = list(string)
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }
}
