resource "azurerm_service_plan" "this" {
  name                = "asp-acme"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "api" {
  name                = "app-acme-api"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  site_config {}
}

resource "azurerm_windows_web_app" "portal" {
  name                = "app-acme-portal"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  site_config {
    remote_debugging_enabled = false
  }
}
