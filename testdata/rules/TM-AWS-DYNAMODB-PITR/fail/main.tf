variable "tables" {
  type    = set(string)
  default = ["orders", "customers"]
}

# expect: TM-AWS-DYNAMODB-PITR x2
resource "aws_dynamodb_table" "this" {
  for_each     = var.tables
  name         = each.key
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
