resource "google_container_node_pool" "default" {
  name       = "default"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1
}

resource "google_container_node_pool" "explicit" {
  name       = "explicit"
  cluster    = "projects/acme-prod/locations/europe-west1/clusters/gke-main"
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair = true
  }
}
