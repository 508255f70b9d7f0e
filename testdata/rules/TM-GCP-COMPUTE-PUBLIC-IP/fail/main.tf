# expect: TM-GCP-COMPUTE-PUBLIC-IP
resource "google_compute_instance" "bastion" {
  name         = "bastion"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-app"

    access_config {}
  }
}

variable "public_ip" {
  type    = bool
  default = true
}

# expect: TM-GCP-COMPUTE-PUBLIC-IP
resource "google_compute_instance" "web" {
  name         = "web"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-app"

    dynamic "access_config" {
      for_each = var.public_ip ? [1] : []
      content {
        network_tier = "PREMIUM"
      }
    }
  }
}
