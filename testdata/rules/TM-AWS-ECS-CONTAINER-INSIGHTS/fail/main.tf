# expect: TM-AWS-ECS-CONTAINER-INSIGHTS
resource "aws_ecs_cluster" "main" {
  name = "main"
}

variable "container_insights" {
  type    = string
  default = "disabled"
}

# expect: TM-AWS-ECS-CONTAINER-INSIGHTS
resource "aws_ecs_cluster" "batch" {
  name = "batch"

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }
}
