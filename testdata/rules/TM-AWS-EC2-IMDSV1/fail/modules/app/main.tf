variable "metadata_options" {
  type    = map(string)
  default = {}
}

# The module passes metadata options through a dynamic block, as registry modules do.
# expect: TM-AWS-EC2-IMDSV1
resource "aws_instance" "this" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  dynamic "metadata_options" {
    for_each = length(var.metadata_options) > 0 ? [var.metadata_options] : []
    content {
      http_endpoint = lookup(metadata_options.value, "http_endpoint", "enabled")
      http_tokens   = lookup(metadata_options.value, "http_tokens", "required")
    }
  }
}
