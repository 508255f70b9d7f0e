resource "azurerm_service_plan" "this" {
  name                = "asp-acme"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

# expect: TM-AZURE-APPSERVICE-FTP
resource "azurerm_windows_web_app" "portal" {
  name                = "app-acme-portal"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

# The legacy resource keeps Azure's default, AllAllowed.
# expect: TM-AZURE-APPSERVICE-FTP
resource "azurerm_app_service" "legacy" {
  name                = "app-acme-legacy"
  location            = "westeurope"
  resource_group_name = "rg-web"
  app_service_plan_id = "/subscriptions/0000/resourceGroups/rg-web/providers/Microsoft.Web/serverFarms/legacy"
  https_only          = true
}
