resource "google_service_account" "ci" {
  account_id = "ci-deployer"
}

variable "ci_public_key" {
  description = "Base64-encoded X.509 public key of a key pair kept in the CI system's HSM."
  type        = string
  default     = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMuLi4KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="
}

# Uploaded public key: the private key never leaves the CI system.
resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
  public_key_data    = var.ci_public_key
}
