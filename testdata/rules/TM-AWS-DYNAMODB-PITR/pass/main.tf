variable "point_in_time_recovery_enabled" {
  type    = bool
  default = true
}

resource "aws_dynamodb_table" "this" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }
}
