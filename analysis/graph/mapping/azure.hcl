# How Azure (azurerm) resources become elements of the threat-model graph; the
# fields are described in aws.hcl.
provider "azure" {
  audit      = ["azurerm_monitor_diagnostic_setting"]
  backup     = ["azurerm_backup_protected_vm", "azurerm_data_protection_backup_instance_blob_storage", "azurerm_data_protection_backup_instance_postgresql", "azurerm_data_protection_backup_instance_disk"]
  waf        = ["azurerm_web_application_firewall_policy", "azurerm_cdn_frontdoor_security_policy"]
  rate_limit = ["azurerm_api_management_api_policy"]
  guards      = ["azurerm_network_security_group"]
  guard_links = ["azurerm_subnet_network_security_group_association", "azurerm_network_interface_security_group_association"]
  identities = ["azurerm_user_assigned_identity"]
  grants     = ["azurerm_role_assignment"]
}

boundary "azurerm_virtual_network" {
  trust = "trusted"
}

network "azurerm_subnet" {
  parent = "virtual_network_name"
}
network "azurerm_subnet_network_security_group_association" {
  parent = "subnet_id"
}
network "azurerm_network_security_group" {
  parent = "resource_group_name"
}
network "azurerm_network_interface" {
  parent = "ip_configuration.0.subnet_id"
}
network "azurerm_private_endpoint" {
  parent = "subnet_id"
}

component "azurerm_storage_account" {
  kind              = "datastore"
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "azurerm_storage_container" {
  kind = "datastore"
}
component "azurerm_mssql_server" {
  kind           = "datastore"
  public         = "public_network_access_enabled"
  public_default = true
  protocol       = "tds"
  port           = 1433
  transit        = "tls"
}
component "azurerm_mssql_database" {
  kind              = "datastore"
  encrypted         = "transparent_data_encryption_enabled"
  encrypted_default = true
  backup            = "short_term_retention_policy.0.retention_days"
  backup_default    = true
  protocol          = "tds"
  port              = 1433
  transit           = "tls"
}
component "azurerm_postgresql_flexible_server" {
  kind              = "datastore"
  network           = true
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
  backup            = "backup_retention_days"
  backup_default    = true
  protocol          = "postgres"
  port              = 5432
}
component "azurerm_cosmosdb_account" {
  kind              = "datastore"
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "azurerm_redis_cache" {
  kind           = "datastore"
  public         = "public_network_access_enabled"
  public_default = true
  transit        = "tls"
  protocol       = "redis"
  port           = 6380
}
component "azurerm_synapse_workspace" {
  kind              = "datastore"
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
}
component "azurerm_key_vault" {
  kind              = "secret"
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "azurerm_kubernetes_cluster" {
  kind         = "service"
  network      = true
  public_unless = "private_cluster_enabled"
}
component "azurerm_data_factory" {
  kind           = "service"
  public         = "public_network_enabled"
  public_default = true
}
component "azurerm_databricks_workspace" {
  kind           = "service"
  public         = "public_network_access_enabled"
  public_default = true
}
component "azurerm_linux_web_app" {
  kind           = "service"
  public         = "public_network_access_enabled"
  public_default = true
}
component "azurerm_windows_web_app" {
  kind           = "service"
  public         = "public_network_access_enabled"
  public_default = true
}
component "azurerm_linux_function_app" {
  kind           = "function"
  public         = "public_network_access_enabled"
  public_default = true
}
component "azurerm_windows_function_app" {
  kind           = "function"
  public         = "public_network_access_enabled"
  public_default = true
}
component "azurerm_linux_virtual_machine" {
  kind    = "compute"
  network = true
}
component "azurerm_windows_virtual_machine" {
  kind    = "compute"
  network = true
}
component "azurerm_container_group" {
  kind = "service"
}
component "azurerm_application_gateway" {
  kind          = "load-balancer"
  network       = true
  public_always = true
  waf           = "waf_configuration"
}
component "azurerm_lb" {
  kind    = "load-balancer"
  network = true
}
component "azurerm_api_management" {
  kind          = "gateway"
  public_always = true
}
component "azurerm_cdn_frontdoor_profile" {
  kind          = "cdn"
  public_always = true
}
component "azurerm_servicebus_namespace" {
  kind              = "queue"
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
  protocol          = "amqps"
  port              = 5671
  transit           = "tls"
}
component "azurerm_eventhub_namespace" {
  kind              = "queue"
  encrypted_default = true
  public            = "public_network_access_enabled"
  public_default    = true
  protocol          = "amqps"
  port              = 5671
  transit           = "tls"
}
component "azurerm_machine_learning_workspace" {
  kind = "ml-model"
}

connector "azurerm_data_factory_linked_service_azure_blob_storage" {
  from     = "data_factory_id"
  to       = "connection_string"
  protocol = "https"
}
connector "azurerm_data_factory_linked_service_azure_sql_database" {
  from     = "data_factory_id"
  to       = "connection_string"
  protocol = "tds"
}
connector "azurerm_data_factory_linked_service_data_lake_storage_gen2" {
  from     = "data_factory_id"
  to       = "url"
  protocol = "https"
}
connector "azurerm_eventgrid_event_subscription" {
  from     = "scope"
  to       = "azure_function_endpoint.0.function_id"
  protocol = "https"
}
