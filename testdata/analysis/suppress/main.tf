# tm:ignore:TM-AWS-EC2-IMDSV1 legacy AMI cannot do IMDSv2 until=2099-12-31
resource "aws_instance" "legacy" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

# tm:ignore:TM-AWS-EC2-IMDSV1
resource "aws_instance" "no_reason" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

# tm:ignore:TM-AWS-EC2-IMDSV1 was fine last year until=2020-01-01
resource "aws_instance" "expired" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_instance" "checkov" {
  #checkov:skip=CKV_AWS_79:vendor appliance
  ami           = "ami-1"
  instance_type = "t3.micro"
}

#tfsec:ignore:aws-ec2-enforce-http-token-imds
resource "aws_instance" "tfsec" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_instance" "open" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

# tm:ignore:TM-AWS-NOT-A-RULE because
resource "aws_instance" "unknown_rule" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}

# tm:ignore:TM-AWS-S3-VERSIONING in a module call
module "store" {
  source = "./store"
}
