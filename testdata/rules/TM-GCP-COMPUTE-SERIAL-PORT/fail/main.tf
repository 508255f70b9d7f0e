# expect: TM-GCP-COMPUTE-SERIAL-PORT
resource "google_compute_instance" "debug" {
  name         = "debug"
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
    serial-port-enable = true
  }
}

# expect: TM-GCP-COMPUTE-SERIAL-PORT
resource "google_compute_project_metadata_item" "serial" {
  key   = "serial-port-enable"
  value = "TRUE"
}
