# expect: TM-AWS-ECS-ENV-SECRETS
resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "example/api:3.1.0"
      essential = true
      environment = [
        { name = "DB_HOST", value = "orders.cluster-abc.eu-west-1.rds.amazonaws.com" },
        { name = "DB_PASSWORD", value = "S3cure-Pa55word-2024" },
      ]
    },
  ])
}

locals {
  worker_env = {
    QUEUE_URL          = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
    STRIPE_API_KEY     = "sk_live_51HqLyjWDarjtT1zdp7dcXe4Gmq2e9F1"
    STRIPE_API_KEY_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe"
  }
}

# expect: TM-AWS-ECS-ENV-SECRETS
resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([
    {
      name        = "worker"
      image       = "example/worker:2.0.0"
      essential   = true
      environment = [for k, v in local.worker_env : { name = k, value = v }]
    },
  ])
}
