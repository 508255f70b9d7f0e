resource "azurerm_service_plan" "this" {
  name                = "asp-acme"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

# https_only defaults to false.
# expect: TM-AZURE-APPSERVICE-HTTPS-ONLY
resource "azurerm_linux_web_app" "api" {
  name                = "app-acme-api"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id

  site_config {}
}

# expect: TM-AZURE-APPSERVICE-HTTPS-ONLY
resource "azurerm_linux_function_app" "jobs" {
  name                       = "func-acme-jobs"
  resource_group_name        = "rg-web"
  location                   = "westeurope"
  service_plan_id            = azurerm_service_plan.this.id
  storage_account_name       = "acmefuncstore"
  storage_account_access_key = "managed-elsewhere"
  https_only                 = false

  site_config {}
}

# expect: TM-AZURE-APPSERVICE-HTTPS-ONLY
resource "azurerm_app_service" "legacy" {
  name                = "app-acme-legacy"
  location            = "westeurope"
  resource_group_name = "rg-web"
  app_service_plan_id = "/subscriptions/0000/resourceGroups/rg-web/providers/Microsoft.Web/serverFarms/legacy"
  https_only          = false
}
