variable "api_token" {
  type      = string
  sensitive = true
}

resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name        = "api"
      image       = "example/api:3.1.0"
      essential   = true
      environment = [{ name = "API_TOKEN", value = var.api_token }]
    },
  ])
}
