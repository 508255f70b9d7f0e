variable "users" {
  type    = set(string)
  default = ["alice", "bob"]
}

# expect: TM-AWS-WORKSPACES-VOLUME-ENCRYPTION x2
resource "aws_workspaces_workspace" "user" {
  for_each = var.users

  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = each.key
}

# Only the root volume is encrypted.
# expect: TM-AWS-WORKSPACES-VOLUME-ENCRYPTION
resource "aws_workspaces_workspace" "admin" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "admin"
  root_volume_encryption_enabled = true
  volume_encryption_key          = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
