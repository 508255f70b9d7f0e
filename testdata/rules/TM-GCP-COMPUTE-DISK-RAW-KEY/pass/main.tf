resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100

  disk_encryption_key {
    kms_key_self_link = "projects/acme-prod/locations/europe-west1/keyRings/acme-keys/cryptoKeys/disks"
  }
}

resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-standard-2"
  zone         = "europe-west1-b"

  boot_disk {
    kms_key_self_link = "projects/acme-prod/locations/europe-west1/keyRings/acme-keys/cryptoKeys/disks"

    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-app"
  }
}
