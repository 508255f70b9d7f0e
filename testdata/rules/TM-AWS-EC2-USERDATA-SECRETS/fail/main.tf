# expect: TM-AWS-EC2-USERDATA-SECRETS
resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  user_data = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAQ3EGRTLXKZ7W5N2P
    export AWS_SECRET_ACCESS_KEY=9drTJvcXLB89EXAMPLEx1vK2bQtZ7LmN0pR3sU4w
    /opt/worker/start
  EOT
}

# expect: TM-AWS-EC2-USERDATA-SECRETS
resource "aws_instance" "encoded" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  user_data_base64 = base64encode("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAQ3EGRTLXKZ7W5N2P\nexport AWS_SECRET_ACCESS_KEY=9drTJvcXLB89EXAMPLEx1vK2bQtZ7LmN0pR3sU4w\n")
}

resource "aws_db_instance" "app" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

# The script interpolates the database endpoint, known only after apply; the
# password written into the PHP config next to it is a literal all the same.
# expect: TM-AWS-EC2-USERDATA-SECRETS
resource "aws_instance" "wordpress" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    cat > /var/www/wp-config.php <<PHP
    define('DB_HOST', '${aws_db_instance.app.endpoint}');
    define('DB_PASSWORD', 'Aa1234321Bb');
    PHP
  EOF
}
