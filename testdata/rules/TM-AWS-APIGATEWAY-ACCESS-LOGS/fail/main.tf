# expect: TM-AWS-APIGATEWAY-ACCESS-LOGS
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
}

# expect: TM-AWS-APIGATEWAY-ACCESS-LOGS
resource "aws_apigatewayv2_stage" "default" {
  api_id      = "a1b2c3d4e5"
  name        = "$default"
  auto_deploy = true
}
