resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  acl    = "log-delivery-write"

  versioning {
    enabled    = true
    mfa_delete = false
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "alias/logs"
      }
      bucket_key_enabled = true
    }
  }

  logging {
    target_bucket = "acme-audit"
    target_prefix = "logs/"
  }

  lifecycle_rule {
    id      = "expire"
    enabled = true
    expiration {
      days = 90
    }
  }

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}
