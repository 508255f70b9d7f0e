# expect: TM-GCP-COMPUTE-DEFAULT-SA-FULL-SCOPE
resource "google_compute_instance" "app" {
  name         = "app"
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

  service_account {
    scopes = ["cloud-platform"]
  }
}

# expect: TM-GCP-COMPUTE-DEFAULT-SA-FULL-SCOPE
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

  service_account {
    email  = "123456789012-compute@developer.gserviceaccount.com"
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
