# The threat model of the three-tier shop. Components claim the Terraform resources
# they stand for; everything not claimed is inferred from the Terraform.

model "shop" {
  owner      = "team-shop"
  frameworks = ["pci-dss-4.0", "dora"]
}

data "orders" {
  classification = "confidential"
}

data "customer_pii" {
  classification = "restricted"
}

data "invoices" {
  classification = "internal"
}

boundary "internet" {
  trust = "untrusted"
}

boundary "vpc" {
  trust     = "trusted"
  terraform = [aws_vpc.main]
}

actor "customer" {
  boundary = boundary.internet
}

component "web_lb" {
  kind      = "load-balancer"
  terraform = [aws_lb.web]
}

component "web" {
  kind      = "compute"
  terraform = [module.web.aws_autoscaling_group.web]
  processes = [data.orders, data.customer_pii]
}

component "orders_db" {
  kind      = "datastore"
  terraform = [aws_db_instance.orders]
  stores    = [data.orders, data.customer_pii]
}

component "uploads" {
  kind      = "datastore"
  terraform = [aws_s3_bucket.uploads]
  stores    = [data.invoices]
}

flow "shop" {
  from          = actor.customer
  to            = component.web_lb
  protocol      = "https"
  port          = 443
  data          = [data.orders, data.customer_pii]
  authenticated = false
}

flow "app" {
  from     = component.web_lb
  to       = component.web
  protocol = "http"
  port     = 8080
}

flow "orders" {
  from          = component.web
  to            = component.orders_db
  protocol      = "postgres"
  port          = 5432
  data          = [data.orders, data.customer_pii]
  authenticated = true
}

control "waf" {
  mitigates = ["TM-GRAPH-INTERNET-NO-WAF"]
  on        = [component.web_lb]
  status    = "planned"
}

control "db_network_policy" {
  mitigates     = ["TM-GRAPH-ATTACK-PATH"]
  on            = [component.orders_db]
  status        = "implemented"
  effectiveness = 0.4
}

accept "TM-GRAPH-NO-AUDIT-TRAIL" {
  on     = [component.orders_db]
  reason = "the organisation trail in the security account covers this account"
  owner  = "team-security"
  until  = "2026-06-30"
}
