resource "azurerm_service_plan" "this" {
  name                = "asp-acme"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

# expect: TM-AZURE-APPSERVICE-REMOTE-DEBUGGING
resource "azurerm_linux_web_app" "api" {
  name                = "app-acme-api"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  site_config {
    remote_debugging_enabled = true
    remote_debugging_version = "VS2022"
  }
}
