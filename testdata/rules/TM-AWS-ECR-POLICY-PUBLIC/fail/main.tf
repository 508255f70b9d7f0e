# expect: TM-AWS-ECR-POLICY-PUBLIC
resource "aws_ecr_repository_policy" "api" {
  repository = "api"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Anyone"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage"]
    }]
  })
}
