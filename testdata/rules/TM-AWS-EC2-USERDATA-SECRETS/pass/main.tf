resource "aws_iam_instance_profile" "worker" {
  name = "worker"
  role = "worker"
}

resource "aws_instance" "worker" {
  ami                  = "ami-0123456789abcdef0"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.worker.name

  user_data = <<-EOT
    #!/bin/bash
    DB_SETTINGS=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)
    export DB_SETTINGS
    /opt/worker/start
  EOT
}
