variable "volumes" {
  type = map(number)
  default = {
    data = 100
    logs = 50
  }
}

# expect: TM-AWS-EC2-EBS-ENCRYPTION x2
resource "aws_ebs_volume" "this" {
  for_each          = var.volumes
  availability_zone = "eu-west-1a"
  size              = each.value
}
