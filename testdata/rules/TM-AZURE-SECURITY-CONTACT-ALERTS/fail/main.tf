# expect: TM-AZURE-SECURITY-CONTACT-ALERTS
resource "azurerm_security_center_contact" "this" {
  name                = "security"
  email               = "security@acme.example"
  alert_notifications = false
  alerts_to_admins    = false
}
