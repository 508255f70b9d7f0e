variable "mq_password" {
  type      = string
  sensitive = true
  default   = null
}

resource "aws_mq_broker" "orders" {
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.t3.micro"

  user {
    username = "app"
    password = var.mq_password
  }

  logs {
    general = true
    audit   = true
  }
}

# RabbitMQ has no audit log.
resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.t3.micro"

  user {
    username = "app"
    password = var.mq_password
  }

  logs {
    general = true
  }
}
