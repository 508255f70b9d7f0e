resource "aws_instance" "good" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}
