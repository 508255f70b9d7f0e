variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.t3.micro"
  subnet_ids         = ["subnet-0123456789abcdef0"]

  user {
    username = "app"
    password = var.mq_password
  }
}
