model "data-platform" {
  owner      = "team-data"
  frameworks = ["dora", "osfi-b13"]
}

data "customer_records" {
  classification = "restricted"
}

data "aggregates" {
  classification = "internal"
}

boundary "internet" {
  trust = "untrusted"
}

boundary "vnet" {
  trust     = "trusted"
  terraform = [azurerm_virtual_network.main]
}

boundary "azure" {
  trust = "trusted"
}

actor "analyst" {
  boundary = boundary.internet
}

component "lake" {
  kind      = "datastore"
  boundary  = boundary.azure
  terraform = [azurerm_storage_account.lake]
  stores    = [data.customer_records]
}

component "warehouse" {
  kind      = "datastore"
  boundary  = boundary.azure
  terraform = [azurerm_mssql_server.dw, azurerm_mssql_database.dw]
  stores    = [data.customer_records, data.aggregates]
}

component "etl" {
  kind      = "service"
  boundary  = boundary.azure
  terraform = [azurerm_data_factory.etl]
  processes = [data.customer_records]
}

component "analytics" {
  kind      = "service"
  terraform = [azurerm_kubernetes_cluster.analytics]
  processes = [data.aggregates]
}

flow "ingest" {
  from = component.etl
  to   = component.lake
  data = [data.customer_records]
}

flow "load" {
  from = component.etl
  to   = component.warehouse
  data = [data.customer_records]
}

flow "dashboards" {
  from          = actor.analyst
  to            = component.analytics
  protocol      = "https"
  port          = 443
  authenticated = true
}

flow "query" {
  from     = component.analytics
  to       = component.warehouse
  protocol = "tds"
  port     = 1433
  data     = [data.aggregates]
}

control "sql_firewall" {
  mitigates     = ["TM-GRAPH-ATTACK-PATH"]
  on            = [component.warehouse]
  status        = "implemented"
  effectiveness = 0.6
}
