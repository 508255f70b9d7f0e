variable "function_name" {
  type = string
}

variable "tracing_mode" {
  description = "X-Ray tracing mode: PassThrough or Active"
  type        = string
  default     = "PassThrough"
}

# expect: TM-AWS-LAMBDA-TRACING
resource "aws_lambda_function" "this" {
  function_name = var.function_name
  role          = "arn:aws:iam::123456789012:role/${var.function_name}"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "${var.function_name}.zip"

  tracing_config {
    mode = var.tracing_mode
  }
}
