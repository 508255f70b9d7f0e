# expect: TM-GCP-COMPUTE-OSLOGIN-DISABLED
resource "google_compute_instance" "legacy" {
  name         = "legacy"
  machine_type = "e2-standard-2"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-app"
  }

  metadata = {
    enable-oslogin = "FALSE"
    ssh-keys       = "ops:ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMq0Jm2uBhXw9n8dXb0gH0K9Wc1z5v4pZr3yT2sQe7Lk ops"
  }
}

# expect: TM-GCP-COMPUTE-OSLOGIN-DISABLED
resource "google_compute_project_metadata" "this" {
  metadata = {
    block-project-ssh-keys = "FALSE"
  }
}
