variable "xray_tracing_enabled" {
  type    = bool
  default = true
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id          = "a1b2c3d4e5"
  deployment_id        = "abc123"
  stage_name           = "prod"
  xray_tracing_enabled = var.xray_tracing_enabled
}
