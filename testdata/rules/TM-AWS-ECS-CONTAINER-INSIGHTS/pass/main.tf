variable "container_insights" {
  type    = string
  default = "enhanced"
}

resource "aws_ecs_cluster" "main" {
  name = "main"

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }
}
