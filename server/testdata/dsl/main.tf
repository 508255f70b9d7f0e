# Shop network — «façade» 🔒
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_lb" "web" {
  name     = "web"
  internal = false
}

resource "aws_db_instance" "orders" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_s3_bucket" "uploads" {
  bucket = "shop-uploads"
}
