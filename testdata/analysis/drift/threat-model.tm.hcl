model "drift" {
  owner = "team-drift"
}

data "orders" {
  classification = "confidential"
}

boundary "internet" {
  trust = "untrusted"
}

actor "customer" {
  boundary = boundary.internet
}

component "api" {
  kind      = "service"
  terraform = [aws_instance.api]
}

component "db" {
  kind      = "datastore"
  terraform = [aws_db_instance.db, aws_s3_bucket.gone]
  stores    = [data.orders]
}

flow "customer_db" {
  from     = actor.customer
  to       = component.db
  protocol = "postgres"
  port     = 5432
}
