resource "aws_security_group" "windows" {
  name = "windows"

  ingress {
    description = "RDP from the corporate VPN"
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["172.16.0.0/12"]
  }
}
