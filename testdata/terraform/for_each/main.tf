variable "buckets" {
  default = {
    logs = { versioned = false }
    data = { versioned = true }
  }
}

resource "aws_s3_bucket" "b" {
  for_each = var.buckets
  bucket   = "acme-${each.key}"
  tags = {
    Versioned = each.value.versioned
  }
}

resource "aws_s3_bucket_versioning" "v" {
  for_each = aws_s3_bucket.b
  bucket   = aws_s3_bucket.b[each.key].id
  versioning_configuration {
    status = var.buckets[each.key].versioned ? "Enabled" : "Suspended"
  }
}

resource "aws_iam_user" "u" {
  for_each = toset(["alice", "bob", "alice"])
  name     = each.value
  path     = "/${each.key}/"
}

resource "aws_iam_user_policy" "p" {
  name = "p"
  user = aws_iam_user.u["bob"].name
}

resource "aws_s3_bucket_public_access_block" "pab" {
  for_each          = aws_s3_bucket.b
  bucket            = each.value.id
  block_public_acls = true
}
