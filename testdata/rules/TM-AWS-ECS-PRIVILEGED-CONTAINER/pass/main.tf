resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name                   = "api"
      image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:2.0.1"
      essential              = true
      readonlyRootFilesystem = true
      portMappings           = [{ containerPort = 8080 }]
    },
  ])
}
