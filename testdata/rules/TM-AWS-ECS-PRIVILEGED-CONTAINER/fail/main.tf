# expect: TM-AWS-ECS-PRIVILEGED-CONTAINER
resource "aws_ecs_task_definition" "agent" {
  family = "agent"
  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent:1.4.2"
      essential  = true
      privileged = true
    },
  ])
}
