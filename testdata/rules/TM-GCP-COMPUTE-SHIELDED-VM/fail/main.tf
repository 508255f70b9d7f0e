# Secure Boot defaults to false.
# expect: TM-GCP-COMPUTE-SHIELDED-VM
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

}

# expect: TM-GCP-COMPUTE-SHIELDED-VM
resource "google_compute_instance" "novtpm" {
  name         = "novtpm"
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

  shielded_instance_config {
    enable_secure_boot = true
    enable_vtpm        = false
  }
}
