variable "public_subnets" {
  type    = list(string)
  default = ["10.0.101.0/24", "10.0.102.0/24"]
}

# expect: TM-AWS-VPC-SUBNET-PUBLIC-IP x2
resource "aws_subnet" "public" {
  count                   = length(var.public_subnets)
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = var.public_subnets[count.index]
  map_public_ip_on_launch = true
}
