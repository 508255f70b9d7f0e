# How Google Cloud resources become elements of the threat-model graph; the fields
# are described in aws.hcl.
provider "google" {
  audit      = ["google_project_iam_audit_config", "google_organization_iam_audit_config"]
  backup     = ["google_backup_dr_backup_plan_association"]
  waf        = ["google_compute_security_policy"]
  rate_limit = []
  guards     = ["google_compute_firewall"]
  identities = ["google_service_account"]
  grants     = ["google_project_iam_member", "google_storage_bucket_iam_member"]
}

boundary "google_compute_network" {
  trust = "trusted"
}

network "google_compute_subnetwork" {
  parent = "network"
}

component "google_compute_instance" {
  kind    = "compute"
  network = true
  public  = "network_interface.0.access_config"
}
component "google_compute_instance_group_manager" {
  kind    = "compute"
  network = true
}
component "google_container_cluster" {
  kind    = "service"
  network = true
}
component "google_cloud_run_v2_service" {
  kind = "service"
}
component "google_cloud_run_service" {
  kind = "service"
}
component "google_cloudfunctions_function" {
  kind = "function"
}
component "google_cloudfunctions2_function" {
  kind = "function"
}
component "google_sql_database_instance" {
  kind              = "datastore"
  network           = true
  encrypted_default = true
  public            = "settings.0.ip_configuration.0.ipv4_enabled"
  public_default    = true
  backup            = "settings.0.backup_configuration.0.enabled"
}
component "google_storage_bucket" {
  kind              = "datastore"
  encrypted_default = true
  backup            = "versioning.0.enabled"
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "google_bigquery_dataset" {
  kind              = "datastore"
  encrypted_default = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "google_spanner_instance" {
  kind              = "datastore"
  encrypted_default = true
}
component "google_bigtable_instance" {
  kind              = "datastore"
  encrypted_default = true
}
component "google_firestore_database" {
  kind              = "datastore"
  encrypted_default = true
}
component "google_redis_instance" {
  kind              = "datastore"
  network           = true
  encrypted_default = true
  protocol          = "redis"
  port              = 6379
}
component "google_pubsub_topic" {
  kind              = "queue"
  encrypted_default = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "google_compute_global_forwarding_rule" {
  kind          = "load-balancer"
  public_always = true
}
component "google_api_gateway_gateway" {
  kind          = "gateway"
  public_always = true
}
component "google_secret_manager_secret" {
  kind              = "secret"
  encrypted_default = true
}
component "google_kms_crypto_key" {
  kind = "identity"
}
component "google_vertex_ai_endpoint" {
  kind = "ml-model"
}

connector "google_pubsub_subscription" {
  from     = "topic"
  to       = "push_config.0.push_endpoint"
  protocol = "https"
}
