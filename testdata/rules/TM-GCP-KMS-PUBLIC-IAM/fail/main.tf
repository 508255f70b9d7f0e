resource "google_kms_key_ring" "this" {
  name     = "acme-keys"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.this.id
  rotation_period = "7776000s"
}

# expect: TM-GCP-KMS-PUBLIC-IAM
resource "google_kms_crypto_key_iam_member" "public" {
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "allUsers"
}

# expect: TM-GCP-KMS-PUBLIC-IAM
resource "google_kms_key_ring_iam_binding" "viewers" {
  key_ring_id = google_kms_key_ring.this.id
  role        = "roles/cloudkms.viewer"
  members     = ["allAuthenticatedUsers"]
}
