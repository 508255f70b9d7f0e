variable "name" {
  type = string
}

variable "kms_key_id" {
  description = "KMS key for the secret; null uses aws/secretsmanager"
  type        = string
  default     = null
}

# expect: TM-AWS-SECRETSMANAGER-CMK
resource "aws_secretsmanager_secret" "this" {
  name       = var.name
  kms_key_id = var.kms_key_id
}
