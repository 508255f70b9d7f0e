variable "db_password" {
  type    = string
  default = "Sup3r-S3cret-2024!"
}

# expect: TM-AWS-LAMBDA-ENV-SECRETS
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"

  environment {
    variables = {
      LOG_LEVEL   = "info"
      DB_PASSWORD = var.db_password
    }
  }
}

# expect: TM-AWS-LAMBDA-ENV-SECRETS
resource "aws_lambda_function" "sync" {
  function_name = "sync"
  role          = "arn:aws:iam::123456789012:role/sync"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "sync.zip"

  environment {
    variables = {
      AWS_ACCESS_KEY = "AKIAQ3EGRTLXKZ7W5N2P"
    }
  }
}
