variable "repositories" {
  type    = set(string)
  default = ["api", "worker"]
}

# expect: TM-AWS-ECR-SCAN-ON-PUSH x2
resource "aws_ecr_repository" "this" {
  for_each             = var.repositories
  name                 = each.key
  image_tag_mutability = "IMMUTABLE"
}
