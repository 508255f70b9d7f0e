resource "azurerm_security_center_contact" "this" {
  name                = "security"
  email               = "security@acme.example"
  phone               = "+44 20 7946 0000"
  alert_notifications = true
  alerts_to_admins    = true
}
