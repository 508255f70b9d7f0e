# expect: TM-AWS-ECS-EFS-TRANSIT
resource "aws_ecs_task_definition" "cms" {
  family                   = "cms"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([{
    name         = "cms"
    image        = "example/cms:1.4.2"
    essential    = true
    mountPoints  = [{ sourceVolume = "uploads", containerPath = "/var/www/uploads" }]
    portMappings = [{ containerPort = 8080 }]
  }])

  volume {
    name = "uploads"

    efs_volume_configuration {
      file_system_id = "fs-0123456789abcdef0"
      root_directory = "/uploads"
    }
  }
}

# Two volumes, one of them unencrypted: flagged, no automatic fix.
# expect: TM-AWS-ECS-EFS-TRANSIT
resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([{
    name      = "worker"
    image     = "example/worker:2.0.0"
    essential = true
  }])

  volume {
    name = "shared"

    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "ENABLED"
    }
  }

  volume {
    name = "scratch"

    efs_volume_configuration {
      file_system_id     = "fs-0fedcba9876543210"
      transit_encryption = "DISABLED"
    }
  }
}
