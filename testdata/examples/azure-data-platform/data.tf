resource "azurerm_storage_account" "lake" {
  name                     = "stdatalake001"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = azurerm_resource_group.data.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  is_hns_enabled           = true
  min_tls_version          = "TLS1_2"
}

resource "azurerm_mssql_server" "dw" {
  name                          = "sql-dw-001"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "12.0"
  administrator_login           = "dwadmin"
  public_network_access_enabled = true
  minimum_tls_version           = "1.2"
}

resource "azurerm_mssql_database" "dw" {
  name                                = "dw"
  server_id                           = azurerm_mssql_server.dw.id
  sku_name                            = "S1"
  transparent_data_encryption_enabled = false
}

resource "azurerm_data_factory" "etl" {
  name                   = "adf-etl-001"
  location               = azurerm_resource_group.data.location
  resource_group_name    = azurerm_resource_group.data.name
  public_network_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "etl_lake" {
  scope                = azurerm_storage_account.lake.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_data_factory.etl.identity[0].principal_id
}

resource "azurerm_data_factory_linked_service_azure_sql_database" "dw" {
  name              = "ls-dw"
  data_factory_id   = azurerm_data_factory.etl.id
  connection_string = "Server=tcp:${azurerm_mssql_server.dw.fully_qualified_domain_name};Database=dw"
}

resource "azurerm_key_vault" "platform" {
  name                          = "kv-data-001"
  location                      = azurerm_resource_group.data.location
  resource_group_name           = azurerm_resource_group.data.name
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false
}
