# expect: TM-AWS-LAMBDA-PERMISSION-PUBLIC
resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal     = "*"
}
