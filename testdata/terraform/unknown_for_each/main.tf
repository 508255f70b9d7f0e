variable "buckets" {
  type = set(string)
}

variable "count_me" {
  type = number
}

data "aws_availability_zones" "az" {}

resource "aws_s3_bucket" "b" {
  for_each = var.buckets
  bucket   = each.key
}

resource "aws_s3_bucket_public_access_block" "pab" {
  for_each          = var.buckets
  bucket            = aws_s3_bucket.b[each.key].id
  block_public_acls = true
}

resource "aws_subnet" "s" {
  count             = length(data.aws_availability_zones.az.names)
  availability_zone = data.aws_availability_zones.az.names[count.index]
}

resource "aws_instance" "i" {
  count = var.count_me
  ami   = "ami-1"
}

module "queues" {
  source   = "./mod"
  for_each = var.buckets
  name     = each.key
}
