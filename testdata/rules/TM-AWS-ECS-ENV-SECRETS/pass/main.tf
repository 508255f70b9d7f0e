variable "db_secret_arn" {
  description = "ARN of the database credentials secret"
  type        = string
  default     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/db-AbCdEf"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/api-execution"
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "example/api:3.1.0"
      essential = true
      environment = [
        { name = "DB_HOST", value = "orders.cluster-abc.eu-west-1.rds.amazonaws.com" },
        { name = "DB_PASSWORD_SECRET_ARN", value = var.db_secret_arn },
        { name = "TOKEN_TTL", value = "3600" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = var.db_secret_arn },
      ]
    },
  ])
}
