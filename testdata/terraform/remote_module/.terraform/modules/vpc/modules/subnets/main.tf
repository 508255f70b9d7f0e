variable "vpc_id" {}
variable "name" {}

resource "aws_subnet" "this" {
  vpc_id                  = var.vpc_id
  map_public_ip_on_launch = true
  tags                    = { Name = "${var.name}-subnet" }
}
