variable "stages" {
  type    = set(string)
  default = ["staging", "prod"]
}

# expect: TM-AWS-APIGATEWAY-XRAY x2
resource "aws_api_gateway_stage" "this" {
  for_each = var.stages

  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = each.key
}
