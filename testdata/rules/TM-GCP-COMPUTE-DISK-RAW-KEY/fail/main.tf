# expect: TM-GCP-COMPUTE-DISK-RAW-KEY
resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100

  disk_encryption_key {
    raw_key = "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="
  }
}

variable "boot_key" {
  type      = string
  sensitive = true
}

# A key from a variable is still in the configuration and the state.
# expect: TM-GCP-COMPUTE-DISK-RAW-KEY
resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-standard-2"
  zone         = "europe-west1-b"

  boot_disk {
    disk_encryption_key_raw = var.boot_key

    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-app"
  }
}
