variable "http_tokens" {
  type    = string
  default = "optional"
}

# No metadata_options at all: IMDSv1 stays on.
# expect: TM-AWS-EC2-IMDSV1
resource "aws_instance" "plain" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

# expect: TM-AWS-EC2-IMDSV1
resource "aws_instance" "optional" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.http_tokens
  }
}

module "app" {
  source = "./modules/app"
  metadata_options = {
    http_tokens = "optional"
  }
}
