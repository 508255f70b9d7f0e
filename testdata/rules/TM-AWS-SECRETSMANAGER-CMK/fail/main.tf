# expect: TM-AWS-SECRETSMANAGER-CMK
resource "aws_secretsmanager_secret" "db" {
  name        = "prod/db/master"
  description = "Master credentials for the orders database"
}

module "api_key" {
  source = "./modules/secret"
  name   = "prod/partner/api-key"
}

# One secret per tenant: flagged per instance; a per-instance key cannot be named
# from the fix, so none is offered.
# expect: TM-AWS-SECRETSMANAGER-CMK x2
resource "aws_secretsmanager_secret" "tenant" {
  for_each = toset(["acme", "globex"])

  name = "prod/tenants/${each.key}"
}
