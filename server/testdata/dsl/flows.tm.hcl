# Flows — «café» 🔒 déjà vu
flow "shop" {
  /* naïve «🔒» */ from = actor.customer
  to            = component.web_lb
  protocol      = "https"
  port          = 443
  data          = [data.orders]
  authenticated = false
}

flow "orders" {
  from     = component.web_lb
  to       = component.orders_db
  protocol = "postgres"
  port     = 5432
  data     = [data.orders]
}

control "waf" {
  mitigates = ["TM-GRAPH-INTERNET-NO-WAF"]
  on        = [component.web_lb]
  status    = "planned"
}
