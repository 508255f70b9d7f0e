# A trimmed copy of the way terraform-aws-modules/s3-bucket writes versioning.
variable "create_bucket" {
  type    = bool
  default = true
}

variable "bucket" {
  type = string
}

variable "versioning" {
  type    = map(string)
  default = {}
}

locals {
  create_bucket = var.create_bucket
}

resource "aws_s3_bucket" "this" {
  count  = local.create_bucket ? 1 : 0
  bucket = var.bucket
}

resource "aws_s3_bucket_versioning" "this" {
  count = local.create_bucket && length(keys(var.versioning)) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  versioning_configuration {
    status     = try(var.versioning["enabled"] ? "Enabled" : "Suspended", tobool(var.versioning["status"]) ? "Enabled" : "Suspended", title(lower(var.versioning["status"])))
    mfa_delete = try(tobool(var.versioning["mfa_delete"]) ? "Enabled" : "Disabled", title(lower(var.versioning["mfa_delete"])), null)
  }
}
