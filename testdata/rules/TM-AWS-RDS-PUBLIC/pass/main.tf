resource "aws_db_subnet_group" "private" {
  name       = "private"
  subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

resource "aws_db_instance" "main" {
  identifier           = "main"
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  db_subnet_group_name = aws_db_subnet_group.private.name
  publicly_accessible  = false
  storage_encrypted    = true
}
