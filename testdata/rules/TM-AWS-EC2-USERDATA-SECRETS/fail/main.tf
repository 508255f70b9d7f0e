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
