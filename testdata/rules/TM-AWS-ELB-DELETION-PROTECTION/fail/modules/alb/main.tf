variable "name" {
  type = string
}

variable "subnets" {
  type = list(string)
}

variable "enable_deletion_protection" {
  type    = bool
  default = false
}

# expect: TM-AWS-ELB-DELETION-PROTECTION
resource "aws_lb" "this" {
  name                       = var.name
  load_balancer_type         = "application"
  subnets                    = var.subnets
  drop_invalid_header_fields = true
  enable_deletion_protection = var.enable_deletion_protection
}
