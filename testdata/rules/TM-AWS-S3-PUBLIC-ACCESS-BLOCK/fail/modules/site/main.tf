variable "name" {
  type = string
}

# expect: TM-AWS-S3-PUBLIC-ACCESS-BLOCK
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
