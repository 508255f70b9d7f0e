resource "google_kms_key_ring" "this" {
  name     = "acme-keys"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "quarterly" {
  name            = "quarterly"
  key_ring        = google_kms_key_ring.this.id
  rotation_period = "7776000s"

  lifecycle {
    prevent_destroy = true
  }
}

variable "keys" {
  type = map(string)
  default = {
    storage  = "2592000s"
    bigquery = "7776000s"
  }
}

resource "google_kms_crypto_key" "each" {
  for_each = var.keys

  name            = each.key
  key_ring        = google_kms_key_ring.this.id
  rotation_period = each.value
}

# Asymmetric keys cannot rotate automatically.
resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = google_kms_key_ring.this.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}
