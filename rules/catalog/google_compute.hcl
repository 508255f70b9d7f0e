# Compute Engine rules for google_compute_instance and instance templates: service
# accounts, external IPs, metadata hardening (serial port, OS Login, project SSH
# keys), IP forwarding, Shielded VM, and customer-supplied keys in configuration.
#
# Metadata values are strings in the API ("TRUE", "true", "1"), but HCL often gives
# booleans; rules compare lower(string(value)).

rule "TM-GCP-COMPUTE-DEFAULT-SA" {
  title      = "VM runs as the Compute Engine default service account"
  severity   = "medium"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:4.1"]
  likelihood = 3
  impact     = 4
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]
  condition  = "all_blocks(r, 'service_account').exists(s, get(s, 'email', '') in ['', 'default'] || get(s, 'email', '').endsWith('-compute@developer.gserviceaccount.com'))"
  location   = "service_account"
  message    = "The VM uses the default compute service account, which holds the Editor role on the project unless that grant was removed."
  remediation = "Create a dedicated google_service_account with only the roles the workload needs and set service_account { email = ... }."
  equivalents {
    tfsec   = ["google-compute-no-default-service-account"]
    trivy   = ["AVD-GCP-0044"]
    checkov = ["CKV_GCP_30"]
  }
  description = <<-EOT
    The Compute Engine default service account is shared by every VM that does not
    name another one and is granted the project Editor role by default. Code running
    on the VM (or an attacker who exploits it) can fetch its token from the metadata
    server and, within the access scopes, modify almost any resource in the project.
    A dedicated service account per workload with narrow roles limits what a
    compromised VM can do.
  EOT

  fix {
    title   = "Run the VM as a dedicated service account"
    applies = "!res.address.endsWith(']')"
    set {
      path = "service_account.email"
      expr = "google_service_account.$${name}.email"
    }
    add_resource = <<-EOT
      resource "google_service_account" "$${name}" {
        account_id   = "vm-$${name}"
        display_name = "Service account of $${self}"
      }
    EOT
  }
}

rule "TM-GCP-COMPUTE-DEFAULT-SA-FULL-SCOPE" {
  title      = "VM uses the default service account with full API access"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:4.2"]
  likelihood = 3
  impact     = 5
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]
  condition  = "all_blocks(r, 'service_account').exists(s, (get(s, 'email', '') in ['', 'default'] || get(s, 'email', '').endsWith('-compute@developer.gserviceaccount.com')) && get(s, 'scopes', []).exists(sc, sc in ['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform']))"
  location   = "service_account"
  message    = "The default compute service account is given the cloud-platform scope: the VM's token carries all of the account's (Editor) permissions."
  remediation = "Use a dedicated service account; if the default one must stay, restrict its scopes to what the VM needs."
  equivalents {
    tfsec   = ["google-compute-no-default-service-account"]
    checkov = ["CKV_GCP_31"]
  }
  description = <<-EOT
    Access scopes are the only limit on the default service account's Editor role.
    With `cloud-platform`, anyone who gets code execution on the VM (a web app
    vulnerability, SSRF to the metadata server) obtains a token that can create
    VMs, read storage, change firewall rules and more across the project. Narrow
    scopes cut that down to, for example, logging and monitoring writes and
    read-only storage; a dedicated service account is the real fix.
  EOT

  fix {
    title = "Restrict the default service account to the default scopes"
    set {
      path  = "service_account.scopes"
      value = ["https://www.googleapis.com/auth/devstorage.read_only", "https://www.googleapis.com/auth/logging.write", "https://www.googleapis.com/auth/monitoring.write", "https://www.googleapis.com/auth/service.management.readonly", "https://www.googleapis.com/auth/servicecontrol", "https://www.googleapis.com/auth/trace.append"]
    }
  }
}

rule "TM-GCP-COMPUTE-PUBLIC-IP" {
  title      = "VM has an external IP address"
  severity   = "medium"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:4.9"]
  likelihood = 3
  impact     = 4
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]
  condition  = "all_blocks(r, 'network_interface').exists(n, size(get(n, 'access_config', [])) > 0 || size(get(n, 'ipv6_access_config', [])) > 0)"
  location   = "network_interface"
  message    = "A network_interface has an access_config: the VM gets an external IP address."
  remediation = "Remove access_config; use Cloud NAT for outbound traffic and IAP or a load balancer for inbound."
  equivalents {
    tfsec   = ["google-compute-no-public-ip"]
    trivy   = ["AVD-GCP-0031"]
    checkov = ["CKV_GCP_40"]
  }
  description = <<-EOT
    An external IP makes the VM directly addressable from the internet: every open
    port in any firewall rule that targets it is exposed, and mistakes in firewall
    rules become reachable immediately. Without one, inbound traffic has to come
    through a load balancer or IAP, and outbound through Cloud NAT.
  EOT
}

rule "TM-GCP-COMPUTE-SERIAL-PORT" {
  title      = "VM has interactive serial console access enabled"
  severity   = "medium"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:2.2.5", "nist-800-53-r5:CM-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:4.5"]
  likelihood = 2
  impact     = 4
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template", "google_compute_project_metadata", "google_compute_project_metadata_item"]
  applies    = "res.type != 'google_compute_project_metadata_item' || get(r, 'key', '') == 'serial-port-enable'"
  condition  = "lower(string(res.type == 'google_compute_project_metadata_item' ? get(r, 'value', 'false') : get(r, 'metadata.serial-port-enable', 'false'))) in ['true', '1']"
  location   = "metadata"
  message    = "serial-port-enable is true: the interactive serial console accepts connections."
  remediation = "Remove serial-port-enable from metadata (or set it to \"FALSE\")."
  equivalents {
    tfsec   = ["google-compute-no-serial-port"]
    trivy   = ["AVD-GCP-0032"]
    checkov = ["CKV_GCP_35"]
  }
  description = <<-EOT
    The interactive serial console is reachable through Google's serial port
    gateway from any IP address, independent of VPC firewall rules, and a console
    login is not restricted by the network. An attacker with a password for a local
    account (or project-level SSH keys) can log in from anywhere. Keeping it disabled
    removes that path; enable it temporarily for break-glass debugging only.
  EOT
}

rule "TM-GCP-COMPUTE-OSLOGIN-DISABLED" {
  title      = "OS Login is disabled"
  severity   = "medium"
  stride     = ["spoofing", "repudiation"]
  cwe        = ["CWE-287"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-2", "nist-800-53-r5:AC-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:4.4"]
  likelihood = 2
  impact     = 4
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template", "google_compute_project_metadata", "google_compute_project_metadata_item"]
  applies    = "res.type != 'google_compute_project_metadata_item' || get(r, 'key', '') == 'enable-oslogin'"
  condition  = "res.type == 'google_compute_project_metadata_item' ? lower(string(get(r, 'value', 'false'))) in ['false', '0'] : res.type == 'google_compute_project_metadata' ? !(lower(string(get(r, 'metadata.enable-oslogin', 'false'))) in ['true', '1']) : lower(string(get(r, 'metadata.enable-oslogin', 'true'))) in ['false', '0']"
  location   = "metadata"
  message    = "enable-oslogin is off: SSH access is managed with metadata keys instead of IAM."
  remediation = "Set enable-oslogin = \"TRUE\" in project metadata, and do not override it with \"FALSE\" on instances."
  equivalents {
    tfsec   = ["google-compute-project-level-oslogin", "google-compute-no-oslogin-override"]
    trivy   = ["AVD-GCP-0042", "AVD-GCP-0036"]
    checkov = ["CKV_GCP_33", "CKV_GCP_34"]
  }
  description = <<-EOT
    Without OS Login, SSH access is granted by public keys in project or instance
    metadata: keys are not tied to an identity, are rarely removed when people leave,
    and anyone who can edit metadata can add one. OS Login ties SSH to Google
    identities and IAM roles (with 2-step verification if required), revokes access
    when the account is removed, and records who logged in. Instances are reported
    only when they override it to false; the project metadata resource is reported
    when it does not turn it on.
  EOT
}

rule "TM-GCP-COMPUTE-PROJECT-SSH-KEYS" {
  title      = "VM accepts project-wide SSH keys"
  severity   = "low"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9", "cis-gcp-2.0:4.3"]
  likelihood = 2
  impact     = 3
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]
  applies    = "!(lower(string(get(r, 'metadata.enable-oslogin', 'false'))) in ['true', '1'])"
  condition  = "!(lower(string(get(r, 'metadata.block-project-ssh-keys', 'false'))) in ['true', '1'])"
  location   = "metadata"
  message    = "block-project-ssh-keys is not true: every SSH key in project metadata can log in to this VM."
  remediation = "Set metadata = { block-project-ssh-keys = \"TRUE\" } (or enable OS Login)."
  equivalents {
    tfsec   = ["google-compute-no-project-wide-ssh-keys"]
    trivy   = ["AVD-GCP-0030"]
    checkov = ["CKV_GCP_32"]
  }
  description = <<-EOT
    Project-wide SSH keys are accepted by every VM in the project. One key, added
    for a single machine or left behind by a former team member, gives access to all
    of them, and a compromised key moves laterally across the fleet. Blocking project
    keys limits each VM to its own keys; OS Login (which ignores metadata keys) is the
    better fix, and instances that enable it are not reported.
  EOT
}

rule "TM-GCP-COMPUTE-IP-FORWARDING" {
  title      = "VM can forward IP packets"
  severity   = "low"
  stride     = ["spoofing", "tampering"]
  cwe        = ["CWE-284"]
  compliance = ["nist-800-53-r5:SC-7", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:4.6"]
  likelihood = 2
  impact     = 3
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]
  condition  = "get(r, 'can_ip_forward', false)"
  location   = "can_ip_forward"
  message    = "can_ip_forward is true: the VM can send and receive packets for addresses that are not its own."
  remediation = "Set can_ip_forward = false unless the VM is a router, NAT or firewall appliance (then suppress with a reason)."
  equivalents {
    tfsec   = ["google-compute-disable-ip-forwarding"]
    trivy   = ["AVD-GCP-0043"]
    checkov = ["CKV_GCP_36"]
  }
  description = <<-EOT
    With IP forwarding, GCP stops enforcing source and destination address checks
    for the VM. A compromised VM can then spoof other addresses, route traffic around
    firewall rules that target specific instances, and act as a pivot between
    networks. Only network appliances need it.
  EOT

  fix {
    title = "Disable IP forwarding"
    set {
      path  = "can_ip_forward"
      value = false
    }
  }
}

rule "TM-GCP-COMPUTE-SHIELDED-VM" {
  title      = "VM does not use all Shielded VM protections"
  severity   = "medium"
  stride     = ["tampering", "elevation-of-privilege"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:SI-7", "nist-800-53-r5:CM-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:4.8"]
  likelihood = 2
  impact     = 4
  resource   = ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]
  condition  = "!get(r, 'shielded_instance_config.enable_secure_boot', false) || !get(r, 'shielded_instance_config.enable_vtpm', true) || !get(r, 'shielded_instance_config.enable_integrity_monitoring', true)"
  location   = "shielded_instance_config"
  message    = "Secure Boot, vTPM or integrity monitoring is off (Secure Boot defaults to off)."
  remediation = "Add shielded_instance_config { enable_secure_boot = true  enable_vtpm = true  enable_integrity_monitoring = true } with a Shielded VM image."
  equivalents {
    tfsec   = ["google-compute-enable-shielded-vm-sb", "google-compute-enable-shielded-vm-vtpm", "google-compute-enable-shielded-vm-im"]
    trivy   = ["AVD-GCP-0067", "AVD-GCP-0041", "AVD-GCP-0045"]
    checkov = ["CKV_GCP_39"]
  }
  description = <<-EOT
    Secure Boot refuses unsigned boot loaders and kernel modules; the vTPM measures
    the boot chain; integrity monitoring compares those measurements against a known
    good baseline and alerts on change. Without them, malware that gains root can
    install a bootkit or rootkit that survives reboots and hides from the OS.
  EOT

  fix {
    title = "Turn on Secure Boot, vTPM and integrity monitoring"
    set {
      path  = "shielded_instance_config.enable_secure_boot"
      value = true
    }
    set {
      path  = "shielded_instance_config.enable_vtpm"
      value = true
    }
    set {
      path  = "shielded_instance_config.enable_integrity_monitoring"
      value = true
    }
  }
}

rule "TM-GCP-COMPUTE-DISK-RAW-KEY" {
  title      = "Disk encryption key is written in the configuration"
  severity   = "critical"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:3.6.1", "nist-800-53-r5:SC-12", "nist-800-53-r5:IA-5", "dora-rts-2024-1774:art7", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 5
  resource   = ["google_compute_disk", "google_compute_region_disk", "google_compute_instance", "google_compute_snapshot", "google_compute_image"]
  condition  = "res.type == 'google_compute_instance' ? (has(r.boot_disk) && all_blocks(r, 'boot_disk').exists(b, has(b.disk_encryption_key_raw) || has(b.disk_encryption_key_rsa))) || all_blocks(r, 'attached_disk').exists(d, has(d.disk_encryption_key_raw) || has(d.disk_encryption_key_rsa)) : all_blocks(r, res.type == 'google_compute_snapshot' ? 'snapshot_encryption_key' : res.type == 'google_compute_image' ? 'image_encryption_key' : 'disk_encryption_key').exists(k, has(k.raw_key) || has(k.rsa_encrypted_key))"
  location   = "disk_encryption_key"
  message    = "A customer-supplied encryption key (raw or RSA-wrapped) is part of the Terraform configuration and state."
  remediation = "Use a Cloud KMS key (kms_key_self_link) instead of a customer-supplied key."
  equivalents {
    tfsec   = ["google-compute-disk-encryption-no-plaintext-key"]
    trivy   = ["AVD-GCP-0037"]
  }
  description = <<-EOT
    A customer-supplied key in the configuration is stored in plain text in the
    Terraform state and usually in the repository or CI variables. Anyone who reads
    any of those can decrypt disk snapshots and images protected by it, and the key
    cannot be rotated without recreating the disks. A Cloud KMS key stays in KMS:
    access is an IAM permission, logged and revocable.
  EOT
}
