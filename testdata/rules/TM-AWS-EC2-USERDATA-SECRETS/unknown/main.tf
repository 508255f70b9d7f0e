# The password comes from a variable without a value: whether the script holds a
# secret is unknown, so the rule must be undecided, not open.
variable "db_password" {
  type = string
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    export DB_PASSWORD=${var.db_password}
    systemctl start app
  EOF
}
