resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"

  environment {
    variables = {
      LOG_LEVEL          = "info"
      DB_SECRET_ARN      = aws_secretsmanager_secret.db.arn
      DB_PASSWORD_PARAM  = "/prod/db/password"
      TOKEN_TTL_SECONDS  = "3600"
    }
  }
}
