variable "name" {}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = var.name }
}

module "subnets" {
  source = "acme/subnets/aws"
  vpc_id = aws_vpc.this.id
  name   = var.name
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "name" {
  value = aws_vpc.this.tags.Name
}
