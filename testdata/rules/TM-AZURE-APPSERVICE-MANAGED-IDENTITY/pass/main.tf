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

  identity {
    type = "SystemAssigned"
  }

  site_config {}
}

resource "azurerm_user_assigned_identity" "worker" {
  name                = "id-acme-worker"
  resource_group_name = "rg-web"
  location            = "westeurope"
}

resource "azurerm_linux_web_app" "worker" {
  name                = "app-acme-worker"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.worker.id]
  }

  site_config {}
}
