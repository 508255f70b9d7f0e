module "public_alb" {
  source  = "./modules/alb"
  name    = "web"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
}

# expect: TM-AWS-ELB-DELETION-PROTECTION
resource "aws_lb" "nlb" {
  name               = "ingest"
  load_balancer_type = "network"
  internal           = true
  subnets            = ["subnet-aaaa", "subnet-bbbb"]
}
