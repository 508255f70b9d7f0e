variable "storage_encrypted" {
  type    = bool
  default = false
}

# expect: TM-AWS-RDS-ENCRYPTION
resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = var.storage_encrypted
  skip_final_snapshot = true
}
