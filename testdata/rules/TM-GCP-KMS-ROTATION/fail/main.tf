resource "google_kms_key_ring" "this" {
  name     = "acme-keys"
  location = "europe-west1"
}

# expect: TM-GCP-KMS-ROTATION
resource "google_kms_crypto_key" "never" {
  name     = "never-rotated"
  key_ring = google_kms_key_ring.this.id
}

# expect: TM-GCP-KMS-ROTATION
resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = google_kms_key_ring.this.id
  rotation_period = "31536000s"
}
