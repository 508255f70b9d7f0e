variable "parameter_name" {
  type = string
}

resource "aws_ssm_parameter" "this" {
  name  = var.parameter_name
  type  = "String"
  value = "set-out-of-band"
}
