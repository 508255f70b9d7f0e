resource "azurerm_service_plan" "this" {
  name                = "asp-acme"
  resource_group_name = "rg-web"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

# expect: TM-AZURE-APPSERVICE-MANAGED-IDENTITY
resource "azurerm_linux_web_app" "api" {
  name                = "app-acme-api"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = true

  app_settings = {
    STORAGE_CONNECTION = "@Microsoft.KeyVault(SecretUri=https://kv-acme.vault.azure.net/secrets/storage)"
  }

  site_config {}
}
