resource "aws_kms_key" "rds" {
  description         = "RDS"
  enable_key_rotation = true
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.rds.arn
}

# Read replicas inherit encryption from their source.
resource "aws_db_instance" "replica" {
  identifier          = "main-replica"
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.micro"
}

# Restored from a snapshot: encryption follows the snapshot.
resource "aws_db_instance" "restored" {
  identifier          = "restored"
  snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:main-encrypted"
  instance_class      = "db.t3.micro"
}
