module "bucket" {
  source    = "./modules/bucket"
  count     = 2
  name      = "logs-${count.index}"
  versioned = count.index == 0
}

module "net" {
  source   = "./modules/net"
  for_each = toset(["a", "b"])
  cidr     = "10.${each.key == "a" ? 1 : 2}.0.0/16"
}

module "app" {
  source      = "./modules/app"
  bucket_arn  = module.bucket[0].arn
  bucket_name = module.bucket[1].name
  sg_ids      = [for k, m in module.net : m.sg_name]
}

resource "aws_s3_bucket_policy" "p" {
  bucket = module.bucket[0].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_kms_key" "k" {
  description = "app key"
}

module "keyed" {
  source = "./modules/inner"
  label  = aws_kms_key.k.arn
}
