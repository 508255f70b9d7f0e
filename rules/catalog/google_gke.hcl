# Google Kubernetes Engine rules (google_container_cluster and
# google_container_node_pool): control plane exposure, node privacy, legacy
# authorisation, Workload Identity and the metadata server, network policy,
# shielded nodes, client certificates, node auto-upgrade/repair and Cloud
# Logging/Monitoring.
#
# Autopilot clusters (enable_autopilot = true) always have Workload Identity,
# shielded nodes and Dataplane V2; rules on those settings skip them.

rule "TM-GCP-GKE-PRIVATE-NODES" {
  title      = "GKE nodes have public IP addresses"
  severity   = "medium"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["google_container_cluster"]
  condition  = "!get(r, 'private_cluster_config.enable_private_nodes', false)"
  location   = "private_cluster_config"
  message    = "private_cluster_config.enable_private_nodes is not true: every node gets an external IP."
  remediation = "Add private_cluster_config { enable_private_nodes = true  master_ipv4_cidr_block = \"172.16.0.0/28\" } and Cloud NAT for egress."
  equivalents {
    tfsec   = ["google-gke-enable-private-cluster"]
    trivy   = ["AVD-GCP-0059"]
    checkov = ["CKV_GCP_25"]
  }
  description = <<-EOT
    Nodes with external addresses expose the kubelet, NodePort services and any
    host-network pod to the internet, guarded only by firewall rules. With private
    nodes, nodes have internal addresses only; inbound traffic goes through load
    balancers you declare and egress through Cloud NAT.
  EOT

  fix {
    title = "Use private nodes"
    set {
      path  = "private_cluster_config.enable_private_nodes"
      value = true
    }
  }
}

rule "TM-GCP-GKE-MASTER-AUTHORIZED-NETWORKS" {
  title      = "GKE control plane is reachable from the whole internet"
  severity   = "high"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 5
  resource   = ["google_container_cluster"]
  applies    = "!get(r, 'private_cluster_config.enable_private_endpoint', false)"
  condition  = "!has(r.master_authorized_networks_config) || size(r.master_authorized_networks_config) == 0 || all_blocks(r, 'master_authorized_networks_config.cidr_blocks').exists(c, cidr_public(get(c, 'cidr_block', '')))"
  location   = "master_authorized_networks_config"
  message    = "The public control-plane endpoint accepts connections from any address (no master authorized networks, or 0.0.0.0/0)."
  remediation = "Add master_authorized_networks_config { cidr_blocks { cidr_block = \"<admin range>\" } }, or use a private endpoint."
  equivalents {
    tfsec   = ["google-gke-enable-master-networks"]
    trivy   = ["AVD-GCP-0061"]
    checkov = ["CKV_GCP_20"]
  }
  description = <<-EOT
    Without authorized networks the Kubernetes API server answers the whole internet.
    A leaked kubeconfig, service-account token or an API server vulnerability is then
    exploitable from anywhere. Authorized networks restrict the public endpoint to
    your admin and CI ranges (an empty block allows no external range at all).
  EOT
}

rule "TM-GCP-GKE-LEGACY-ABAC" {
  title      = "GKE cluster uses legacy ABAC authorisation"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 5
  resource   = ["google_container_cluster"]
  condition  = "get(r, 'enable_legacy_abac', false)"
  location   = "enable_legacy_abac"
  message    = "enable_legacy_abac is true: legacy ABAC grants broad, static permissions alongside RBAC."
  remediation = "Set enable_legacy_abac = false and grant access with Kubernetes RBAC and IAM."
  equivalents {
    tfsec   = ["google-gke-use-rbac-permissions"]
    trivy   = ["AVD-GCP-0062"]
    checkov = ["CKV_GCP_7"]
  }
  description = <<-EOT
    Legacy ABAC policies give service accounts and users wide rights that RBAC
    cannot take back (an ABAC allow wins). Workloads' service-account tokens can then
    read secrets or create pods cluster-wide, so one compromised pod becomes a
    cluster compromise. With ABAC off, RBAC alone decides.
  EOT

  fix {
    title = "Disable legacy ABAC"
    set {
      path  = "enable_legacy_abac"
      value = false
    }
  }
}

rule "TM-GCP-GKE-WORKLOAD-IDENTITY" {
  title      = "GKE cluster does not use Workload Identity"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["google_container_cluster"]
  applies    = "!get(r, 'enable_autopilot', false)"
  condition  = "get(r, 'workload_identity_config.workload_pool', '') == ''"
  location   = "workload_identity_config"
  message    = "No workload_identity_config: pods use the node's service account through the metadata server."
  remediation = "Add workload_identity_config { workload_pool = \"<project>.svc.id.goog\" } and GKE_METADATA on node pools."
  equivalents {
    checkov = ["CKV_GCP_69"]
  }
  description = <<-EOT
    Without Workload Identity, every pod on a node can ask the metadata server for
    the node service account's token, so the weakest pod has the permissions of all
    workloads on the node combined, and can also read the kubelet's bootstrap
    credentials from instance metadata. Workload Identity gives each Kubernetes
    service account its own Google identity and hides node credentials.
  EOT

  fix {
    title   = "Enable Workload Identity (pool of the provider's project)"
    applies = "!res.address.endsWith(']')"
    set {
      path = "workload_identity_config.workload_pool"
      expr = "\"$$${data.google_project.$${name}.project_id}.svc.id.goog\""
    }
    add_resource = <<-EOT
      data "google_project" "$${name}" {}
    EOT
  }
}

rule "TM-GCP-GKE-NODE-METADATA" {
  title      = "GKE node pool exposes the Compute Engine metadata server to pods"
  severity   = "high"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-918"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["google_container_cluster", "google_container_node_pool"]
  condition  = "(res.type == 'google_container_cluster' ? all_blocks(r, 'node_config.workload_metadata_config') + all_blocks(r, 'node_pool.node_config.workload_metadata_config') : all_blocks(r, 'node_config.workload_metadata_config')).exists(w, get(w, 'mode', '') == 'GCE_METADATA' || get(w, 'node_metadata', '') in ['EXPOSE', 'UNSPECIFIED'])"
  location   = "node_config"
  message    = "workload_metadata_config.mode is GCE_METADATA: pods reach the node's metadata server and credentials."
  remediation = "Set node_config { workload_metadata_config { mode = \"GKE_METADATA\" } } (with Workload Identity on the cluster)."
  equivalents {
    tfsec   = ["google-gke-node-metadata-security"]
    trivy   = ["AVD-GCP-0057"]
  }
  description = <<-EOT
    With GCE_METADATA, a pod (or an SSRF bug in one) can read the node service
    account's OAuth token and the instance attributes, including kubelet credentials
    on older versions, and act with the node's permissions. The GKE metadata server
    (GKE_METADATA) answers pods with their own Workload Identity and hides node
    credentials.
  EOT

  fix {
    title   = "Use the GKE metadata server"
    applies = "all_blocks(r, 'node_config.workload_metadata_config').exists(w, get(w, 'mode', '') == 'GCE_METADATA')"
    set {
      path  = "node_config.workload_metadata_config.mode"
      value = "GKE_METADATA"
    }
  }
}

rule "TM-GCP-GKE-NETWORK-POLICY" {
  title      = "GKE cluster does not enforce network policies"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.2.5", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 3
  resource   = ["google_container_cluster"]
  applies    = "!get(r, 'enable_autopilot', false)"
  condition  = "!get(r, 'network_policy.enabled', false) && get(r, 'datapath_provider', '') != 'ADVANCED_DATAPATH'"
  location   = "network_policy"
  message    = "Neither network_policy { enabled = true } nor Dataplane V2: NetworkPolicy objects are not enforced."
  remediation = "Set datapath_provider = \"ADVANCED_DATAPATH\" (Dataplane V2), or network_policy { enabled = true  provider = \"CALICO\" } with the network_policy_config add-on."
  equivalents {
    tfsec   = ["google-gke-enable-network-policy"]
    trivy   = ["AVD-GCP-0056"]
    checkov = ["CKV_GCP_12"]
  }
  description = <<-EOT
    Without an enforcing dataplane, NetworkPolicy resources are accepted but
    ignored: any compromised pod can connect to every other pod and service in the
    cluster, including databases and internal admin endpoints. With enforcement,
    namespaces can default-deny and allow only the flows they need.
  EOT

  fix {
    title = "Enable Calico network policy enforcement"
    set {
      path  = "network_policy.enabled"
      value = true
    }
    set {
      path  = "network_policy.provider"
      value = "CALICO"
    }
    set {
      path  = "addons_config.network_policy_config.disabled"
      value = false
    }
  }
}

rule "TM-GCP-GKE-SHIELDED-NODES" {
  title      = "GKE cluster has shielded nodes disabled"
  severity   = "medium"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:SI-7", "nist-800-53-r5:IA-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["google_container_cluster"]
  applies    = "!get(r, 'enable_autopilot', false)"
  condition  = "!get(r, 'enable_shielded_nodes', true)"
  location   = "enable_shielded_nodes"
  message    = "enable_shielded_nodes is false."
  remediation = "Set enable_shielded_nodes = true (the default)."
  equivalents {
    tfsec   = ["google-gke-enable-shielded-nodes"]
    trivy   = ["AVD-GCP-0055"]
    checkov = ["CKV_GCP_71"]
  }
  description = <<-EOT
    Shielded GKE nodes prove their identity to the control plane with a vTPM-backed
    credential. Without them, an attacker who steals a node's bootstrap credentials
    (for example from the metadata server through a pod) can register a rogue node
    and receive the secrets of pods scheduled on it. Shielded nodes also boot with
    Secure Boot and integrity monitoring available.
  EOT

  fix {
    title = "Enable shielded nodes"
    set {
      path  = "enable_shielded_nodes"
      value = true
    }
  }
}

rule "TM-GCP-GKE-CLIENT-CERTIFICATE" {
  title      = "GKE cluster issues a client certificate"
  severity   = "medium"
  stride     = ["spoofing", "repudiation"]
  cwe        = ["CWE-287"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 5
  resource   = ["google_container_cluster"]
  condition  = "get(r, 'master_auth.client_certificate_config.issue_client_certificate', false)"
  location   = "master_auth"
  message    = "issue_client_certificate is true: a long-lived client certificate credential is issued for the cluster."
  remediation = "Set master_auth { client_certificate_config { issue_client_certificate = false } } and authenticate with Google identities."
  equivalents {
    tfsec   = ["google-gke-no-legacy-authentication"]
    trivy   = ["AVD-GCP-0064"]
    checkov = ["CKV_GCP_13"]
  }
  description = <<-EOT
    The issued client certificate is a static credential that cannot be revoked
    short of rotating the cluster CA, is not tied to any person, and is stored in the
    cluster resource (and the Terraform state). Anyone who reads it authenticates to
    the API server with whatever RBAC (or legacy ABAC) grants its user. Google
    identity authentication is short-lived, revocable and attributable.
  EOT

  fix {
    title = "Do not issue a client certificate"
    set {
      path  = "master_auth.client_certificate_config.issue_client_certificate"
      value = false
    }
  }
}

rule "TM-GCP-GKE-NODE-AUTO-UPGRADE" {
  title      = "GKE node pool has auto-upgrade disabled"
  severity   = "low"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-1395"]
  compliance = ["pci-dss-4.0:6.3.3", "nist-800-53-r5:SI-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:7"]
  likelihood = 2
  impact     = 3
  resource   = ["google_container_node_pool"]
  condition  = "!get(r, 'management.auto_upgrade', true)"
  location   = "management"
  message    = "management.auto_upgrade is false: nodes keep running versions with known vulnerabilities."
  remediation = "Set management { auto_upgrade = true } and control timing with maintenance windows and a release channel."
  equivalents {
    tfsec   = ["google-gke-enable-auto-upgrade"]
    checkov = ["CKV_GCP_10"]
  }
  description = <<-EOT
    Node images carry the kernel, container runtime and kubelet; their
    vulnerabilities (container escapes, privilege escalation) are published and
    exploited. Without auto-upgrade, nodes stay on old versions until someone
    remembers. Auto-upgrade keeps nodes on patched versions within maintenance
    windows you choose.
  EOT

  fix {
    title = "Enable node auto-upgrade"
    set {
      path  = "management.auto_upgrade"
      value = true
    }
  }
}

rule "TM-GCP-GKE-NODE-AUTO-REPAIR" {
  title      = "GKE node pool has auto-repair disabled"
  severity   = "low"
  stride     = ["denial-of-service"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-10", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 2
  resource   = ["google_container_node_pool"]
  condition  = "!get(r, 'management.auto_repair', true)"
  location   = "management"
  message    = "management.auto_repair is false: unhealthy nodes are not replaced."
  remediation = "Set management { auto_repair = true }."
  equivalents {
    tfsec   = ["google-gke-enable-auto-repair"]
    checkov = ["CKV_GCP_9"]
  }
  description = <<-EOT
    Nodes that fail health checks (a crashed kubelet, a full disk, a node an attacker
    has disrupted) keep their pods stranded until someone intervenes. Auto-repair
    recreates such nodes, so capacity and availability recover on their own.
  EOT

  fix {
    title = "Enable node auto-repair"
    set {
      path  = "management.auto_repair"
      value = true
    }
  }
}

rule "TM-GCP-GKE-NODE-SECURE-BOOT" {
  title      = "GKE nodes boot without Secure Boot"
  severity   = "low"
  stride     = ["tampering", "elevation-of-privilege"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:SI-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 1
  impact     = 4
  resource   = ["google_container_node_pool", "google_container_cluster"]
  applies    = "res.type == 'google_container_node_pool' || (!get(r, 'remove_default_node_pool', false) && !get(r, 'enable_autopilot', false))"
  condition  = "!get(r, 'node_config.shielded_instance_config.enable_secure_boot', false) || !get(r, 'node_config.shielded_instance_config.enable_integrity_monitoring', true)"
  location   = "node_config"
  message    = "node_config.shielded_instance_config.enable_secure_boot is not true (it defaults to false), or integrity monitoring is off."
  remediation = "Set node_config { shielded_instance_config { enable_secure_boot = true  enable_integrity_monitoring = true } }."
  description = <<-EOT
    Shielded GKE nodes verify their identity, but only Secure Boot stops a node from
    loading an unsigned boot loader or kernel module. An attacker who escapes a
    container to root on the node can otherwise install a rootkit that survives
    reboots and hides from monitoring; integrity monitoring reports boot-chain
    changes. Enabling both makes such persistence fail or visible. (Changing node
    configuration recreates the node pool's nodes.)
  EOT

  fix {
    title = "Enable Secure Boot and integrity monitoring on nodes"
    set {
      path  = "node_config.shielded_instance_config.enable_secure_boot"
      value = true
    }
    set {
      path  = "node_config.shielded_instance_config.enable_integrity_monitoring"
      value = true
    }
  }
}

rule "TM-GCP-GKE-INTRANODE-VISIBILITY" {
  title      = "GKE cluster hides pod-to-pod traffic on the same node"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 1
  impact     = 3
  resource   = ["google_container_cluster"]
  applies    = "!get(r, 'enable_autopilot', false)"
  condition  = "!get(r, 'enable_intranode_visibility', false)"
  location   = "enable_intranode_visibility"
  message    = "enable_intranode_visibility is not true: traffic between pods on one node bypasses the VPC, its firewall rules and flow logs."
  remediation = "Set enable_intranode_visibility = true."
  description = <<-EOT
    Without intranode visibility, packets between pods on the same node never leave
    the node's bridge: VPC firewall rules do not apply to them and VPC flow logs do
    not record them. An attacker moving from one compromised pod to a neighbour
    leaves no network trace. With intranode visibility, that traffic goes through
    the VPC network stack, where flow logs and firewall rules see it.
  EOT

  fix {
    title = "Enable intranode visibility"
    set {
      path  = "enable_intranode_visibility"
      value = true
    }
  }
}

rule "TM-GCP-GKE-LOGGING-DISABLED" {
  title      = "GKE cluster does not send logs or metrics to Cloud Logging/Monitoring"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 3
  resource   = ["google_container_cluster"]
  condition  = "get(r, 'logging_service', '') == 'none' || get(r, 'monitoring_service', '') == 'none'"
  location   = "logging_service"
  message    = "logging_service or monitoring_service is \"none\": the cluster's system and workload logs, or its metrics, are not collected."
  remediation = "Remove logging_service and monitoring_service (the defaults are logging.googleapis.com/kubernetes and monitoring.googleapis.com/kubernetes) or set them to those values."
  equivalents {
    tfsec   = ["google-gke-enable-stackdriver-logging", "google-gke-enable-stackdriver-monitoring"]
    trivy   = ["AVD-GCP-0060", "AVD-GCP-0052"]
    checkov = ["CKV_GCP_1", "CKV_GCP_8"]
  }
  description = <<-EOT
    With `logging_service = "none"` the cluster's control-plane components, nodes and
    containers write nothing to Cloud Logging: an attacker's commands in a compromised
    pod, crashes they cause and errors from the kubelet leave no record outside the
    node, which they may control or which may be gone. With
    `monitoring_service = "none"` no metrics are collected, so resource abuse such as
    crypto-mining or a denial of service goes unnoticed. The Kubernetes Engine
    services (the defaults) keep both outside the blast radius of the cluster.
  EOT

  fix {
    title   = "Send logs and metrics to Cloud Logging and Monitoring"
    applies = "get(r, 'logging_service', '') == 'none' && get(r, 'monitoring_service', '') == 'none'"
    set {
      path  = "logging_service"
      value = "logging.googleapis.com/kubernetes"
    }
    set {
      path  = "monitoring_service"
      value = "monitoring.googleapis.com/kubernetes"
    }
  }
  fix {
    title   = "Send logs to Cloud Logging"
    applies = "get(r, 'logging_service', '') == 'none'"
    set {
      path  = "logging_service"
      value = "logging.googleapis.com/kubernetes"
    }
  }
  fix {
    title   = "Send metrics to Cloud Monitoring"
    applies = "get(r, 'monitoring_service', '') == 'none'"
    set {
      path  = "monitoring_service"
      value = "monitoring.googleapis.com/kubernetes"
    }
  }
}

rule "TM-GCP-GKE-DEFAULT-SERVICE-ACCOUNT" {
  title      = "GKE nodes run as the Compute Engine default service account"
  severity   = "medium"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["google_container_cluster", "google_container_node_pool"]
  # A cluster's own node_config describes its default node pool: irrelevant when
  # that pool is removed, and Autopilot clusters manage their nodes themselves.
  applies    = "res.type == 'google_container_node_pool' || (!get(r, 'remove_default_node_pool', false) && !get(r, 'enable_autopilot', false))"
  condition  = "size(all_blocks(r, 'node_config')) == 0 || all_blocks(r, 'node_config').exists(n, get(n, 'service_account', 'default') == 'default' || get(n, 'service_account', '').endsWith('-compute@developer.gserviceaccount.com'))"
  location   = "node_config"
  message    = "The nodes use the default compute service account, which holds the Editor role on the project unless that grant was removed."
  remediation = "Create a dedicated google_service_account with the minimal node roles (roles/container.defaultNodeServiceAccount) and set node_config { service_account = ... }."
  description = <<-EOT
    Without `node_config { service_account }`, GKE nodes run as the Compute Engine
    default service account, which is granted the project Editor role by default.
    Every pod that can reach the node's credentials (through the metadata server, a
    container escape or a hostPath mount) can then change almost anything in the
    project. A dedicated node service account with only the logging, monitoring and
    image-pull roles limits what a compromised node can do.
  EOT
}
