resource "google_compute_instance" "blocked" {
  name         = "blocked"
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
    block-project-ssh-keys = "TRUE"
  }
}

resource "google_compute_instance" "oslogin" {
  name         = "oslogin"
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
    enable-oslogin = "TRUE"
  }
}
