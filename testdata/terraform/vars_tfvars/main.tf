resource "aws_s3_bucket" "b" {
  bucket = "app-${var.env}-${var.region}"
  tags = {
    Owner    = var.owner
    Replicas = var.replicas
    Tier     = var.settings.tier
    Versions = var.settings.versioning
    Nothing  = var.nothing
    Secret   = var.secret
    Sum      = var.replicas + 1
  }
}
