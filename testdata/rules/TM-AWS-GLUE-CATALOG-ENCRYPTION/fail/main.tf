# expect: TM-AWS-GLUE-CATALOG-ENCRYPTION
resource "aws_glue_data_catalog_encryption_settings" "this" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    encryption_at_rest {
      catalog_encryption_mode = "DISABLED"
    }
  }
}
