resource "aws_instance" "broken" {
  ami = "ami-1"
  instance_type = 
}
