variable "bucket_arn" {}
variable "bucket_name" {}
variable "sg_ids" {
  type = list(string)
}

resource "aws_lambda_function" "f" {
  function_name = "app"
  environment {
    variables = {
      BUCKET = var.bucket_name
      SGS    = join(",", var.sg_ids)
    }
  }
}

resource "aws_lambda_permission" "s3" {
  function_name = aws_lambda_function.f.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = try(var.bucket_arn, "")
}
