model "shop" {
  owner      = "team-shop"
  frameworks = ["pci-dss-4.0"]
}

data "orders" {
  classification = "confidential"
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
  boundary  = boundary.vpc
  terraform = [aws_lb.web]
}

component "orders_db" {
  kind      = "datastore"
  boundary  = boundary.vpc
  terraform = [aws_db_instance.orders]
  stores    = [data.orders]
}
