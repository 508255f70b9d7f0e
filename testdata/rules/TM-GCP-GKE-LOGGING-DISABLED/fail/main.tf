# expect: TM-GCP-GKE-LOGGING-DISABLED
resource "google_container_cluster" "quiet" {
  name     = "gke-quiet"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  logging_service    = "none"
  monitoring_service = "none"
}

# expect: TM-GCP-GKE-LOGGING-DISABLED
resource "google_container_cluster" "nologs" {
  name     = "gke-nologs"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  logging_service = "none"
}

# expect: TM-GCP-GKE-LOGGING-DISABLED
resource "google_container_cluster" "nometrics" {
  name     = "gke-nometrics"
  location = "europe-west1"

  network    = "projects/acme-prod/global/networks/vpc-main"
  subnetwork = "projects/acme-prod/regions/europe-west1/subnetworks/snet-gke"

  remove_default_node_pool = true
  initial_node_count       = 1

  monitoring_service = "none"
}
