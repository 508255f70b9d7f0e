resource "azurerm_service_plan" "this" {
  name                = "asp-acme"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "default" {
  name                = "app-acme-default"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  site_config {}
}

resource "azurerm_linux_web_app" "tls13" {
  name                = "app-acme-tls13"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  site_config {
    minimum_tls_version = "1.3"
  }
}

resource "azurerm_app_service" "legacy" {
  name                = "app-acme-legacy"
  location            = "westeurope"
  resource_group_name = "rg-web"
  app_service_plan_id = "/subscriptions/0000/resourceGroups/rg-web/providers/Microsoft.Web/serverFarms/legacy"
  https_only          = true

  site_config {
    min_tls_version = "1.2"
  }
}
