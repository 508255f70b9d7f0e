rule "TT-S3-PUBLIC-ACCESS" {
  title      = "S3 bucket has no public access block"
  severity   = "medium"
  likelihood = 3
  impact     = 4
  resource   = "aws_s3_bucket"
  condition  = "!related('aws_s3_bucket_public_access_block').exists(p, p.block_public_acls == true && p.restrict_public_buckets == true)"
  message    = "Bucket can be made public"

  fix {
    title  = "Turn on every public access block setting"
    applies = "related('aws_s3_bucket_public_access_block').size() > 0"
    target = "aws_s3_bucket_public_access_block"
    set {
      path  = "block_public_acls"
      value = true
    }
    set {
      path  = "restrict_public_buckets"
      value = true
    }
  }

  fix {
    title = "Add a public access block"
    add_resource = <<-EOT
      resource "aws_s3_bucket_public_access_block" "$${name}" {
        bucket                  = $${self}.id
        block_public_acls       = true
        block_public_policy     = true
        ignore_public_acls      = true
        restrict_public_buckets = true
      }
    EOT
  }
}

rule "TT-S3-KMS" {
  title      = "S3 bucket not encrypted with a customer key"
  severity   = "low"
  likelihood = 2
  impact     = 2
  resource   = "aws_s3_bucket"
  condition  = "get(r, 'server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm', '') != 'aws:kms'"
  fix {
    title = "Encrypt with KMS"
    set {
      path  = "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm"
      value = "aws:kms"
    }
    set {
      path = "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id"
      expr = "aws_kms_key.$${name}.arn"
    }
  }
}
