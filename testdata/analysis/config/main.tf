resource "aws_instance" "web" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}
