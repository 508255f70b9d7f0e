# expect: TM-GCP-GKE-CLIENT-CERTIFICATE
resource "google_container_cluster" "cert" {
  name     = "gke-cert"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = true
    }
  }
}
