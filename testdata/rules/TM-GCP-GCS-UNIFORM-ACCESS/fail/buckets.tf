# A local module called once per team: each call's bucket is reported.
module "team_bucket" {
  source   = "./modules/bucket"
  for_each = toset(["payments", "search"])

  name = "acme-${each.key}"
}
