# expect: TM-AWS-LAMBDA-TRACING
resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "resize.zip"
}

module "api" {
  source        = "./modules/function"
  function_name = "api"
}
