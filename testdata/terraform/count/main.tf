variable "n" {
  default = 2
}

resource "aws_instance" "web" {
  count         = var.n
  ami           = "ami-${count.index}"
  instance_type = count.index == 0 ? "t3.micro" : "t3.large"
}

resource "aws_instance" "none" {
  count = 0
  ami   = "ami-none"
}

resource "aws_eip" "ip" {
  count    = length(aws_instance.web)
  instance = aws_instance.web[count.index].id
  tags = {
    first_ami = aws_instance.web[0].ami
    all_amis  = join(",", aws_instance.web[*].ami)
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Resource = try(aws_instance.web[*].arn, []) })
}

resource "aws_s3_bucket" "kept" {
  bucket = "kept"
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags, versioning[0].enabled]
  }
}

resource "aws_eip" "solo" {
  count    = length(aws_instance.web)
  instance = aws_instance.web[count.index].id
}
