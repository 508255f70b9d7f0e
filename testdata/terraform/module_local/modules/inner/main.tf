variable "label" {}

resource "aws_ssm_parameter" "p" {
  name  = var.label
  value = path.module
  type  = "String"
}
