locals {
  repositories = toset(["api", "worker"])
}

# expect: TM-AWS-ECR-KMS x2
resource "aws_ecr_repository" "this" {
  for_each = local.repositories

  name                 = each.key
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# expect: TM-AWS-ECR-KMS
resource "aws_ecr_repository" "base" {
  name                 = "base"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}
