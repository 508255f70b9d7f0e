# expect: TM-GCP-COMPUTE-IP-FORWARDING
resource "google_compute_instance" "router" {
  name         = "router"
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

  can_ip_forward = true
}
