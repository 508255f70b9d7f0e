variable "tracing_mode" {
  type    = string
  default = "Active"
}

resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/resize"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "resize.zip"

  dynamic "tracing_config" {
    for_each = var.tracing_mode == null ? [] : [var.tracing_mode]
    content {
      mode = tracing_config.value
    }
  }
}
