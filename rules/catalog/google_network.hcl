# Google Cloud networking rules: VPC firewall rules, subnetwork flow logs and
# Private Google Access, and DNSSEC on public Cloud DNS zones.
#
# Firewall rules apply to INGRESS rules (the default direction) that are not
# disabled. A rule is open to the internet when source_ranges holds 0.0.0.0/0 or
# ::/0; ports are strings ("22", "20-25"), and an allow block without ports allows
# every port of its protocol. Rules opening every port (protocol "all", or no ports)
# are reported once, by TM-GCP-FIREWALL-ALL-OPEN.

rule "TM-GCP-FIREWALL-SSH-OPEN" {
  title      = "VPC firewall allows SSH from the internet"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:2.2.7", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:3.6"]
  likelihood = 4
  impact     = 4
  resource   = ["google_compute_firewall"]
  applies    = "get(r, 'direction', 'INGRESS') == 'INGRESS' && !get(r, 'disabled', false)"
  condition  = "any_public(get(r, 'source_ranges', [])) && all_blocks(r, 'allow').exists(a, lower(string(get(a, 'protocol', ''))) in ['tcp', '6'] && size(get(a, 'ports', [])) > 0 && get(a, 'ports', []).exists(p, port_in(p, 22) && !(p in ['0-65535', '1-65535'])))"
  location   = "source_ranges"
  message    = "An ingress rule from 0.0.0.0/0 allows TCP port 22 (SSH)."
  remediation = "Allow SSH only from known ranges, or only from Identity-Aware Proxy (35.235.240.0/20) and connect with IAP TCP forwarding."
  equivalents {
    tfsec   = ["google-compute-no-public-ingress"]
    trivy   = ["AVD-GCP-0027"]
    checkov = ["CKV_GCP_2"]
  }
  description = <<-EOT
    SSH open to the internet is scanned and brute-forced within minutes of a VM
    getting an external address; one weak key, a leaked key or an OpenSSH flaw gives a
    shell inside the VPC. Identity-Aware Proxy TCP forwarding lets administrators
    reach SSH with their Google identity (and IAM, MFA and context-aware access)
    while the firewall admits only IAP's range, 35.235.240.0/20.
  EOT
}

rule "TM-GCP-FIREWALL-RDP-OPEN" {
  title      = "VPC firewall allows RDP from the internet"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:2.2.7", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:3.7"]
  likelihood = 4
  impact     = 5
  resource   = ["google_compute_firewall"]
  applies    = "get(r, 'direction', 'INGRESS') == 'INGRESS' && !get(r, 'disabled', false)"
  condition  = "any_public(get(r, 'source_ranges', [])) && all_blocks(r, 'allow').exists(a, lower(string(get(a, 'protocol', ''))) in ['tcp', '6', 'udp', '17'] && size(get(a, 'ports', [])) > 0 && get(a, 'ports', []).exists(p, port_in(p, 3389) && !(p in ['0-65535', '1-65535'])))"
  location   = "source_ranges"
  message    = "An ingress rule from 0.0.0.0/0 allows port 3389 (RDP)."
  remediation = "Allow RDP only from known ranges, or only from Identity-Aware Proxy (35.235.240.0/20) and connect with IAP TCP forwarding."
  equivalents {
    tfsec   = ["google-compute-no-public-ingress"]
    trivy   = ["AVD-GCP-0027"]
    checkov = ["CKV_GCP_3"]
  }
  description = <<-EOT
    Internet-facing RDP is a leading ransomware entry point: it is password-sprayed
    continuously and has had pre-authentication vulnerabilities (BlueKeep). Reaching
    it through Identity-Aware Proxy puts Google sign-in and IAM in front of it, and the
    firewall then admits only IAP's range, 35.235.240.0/20.
  EOT
}

rule "TM-GCP-FIREWALL-ALL-OPEN" {
  title      = "VPC firewall allows every port from the internet"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.2.5", "pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 5
  resource   = ["google_compute_firewall"]
  applies    = "get(r, 'direction', 'INGRESS') == 'INGRESS' && !get(r, 'disabled', false)"
  condition  = "any_public(get(r, 'source_ranges', [])) && all_blocks(r, 'allow').exists(a, lower(string(get(a, 'protocol', ''))) in ['all', '-1'] || (lower(string(get(a, 'protocol', ''))) in ['tcp', 'udp', '6', '17', 'sctp'] && (size(get(a, 'ports', [])) == 0 || get(a, 'ports', []).exists(p, p in ['0-65535', '1-65535']))))"
  location   = "allow"
  message    = "An ingress rule from 0.0.0.0/0 allows every port (protocol \"all\", or an allow block without ports)."
  remediation = "List only the ports the service needs in allow { ports = [...] }, from the sources that need them."
  equivalents {
    tfsec   = ["google-compute-no-public-ingress"]
    trivy   = ["AVD-GCP-0027"]
    checkov = ["CKV2_GCP_12"]
  }
  description = <<-EOT
    An ingress rule that allows every port from the internet makes every listening
    service on the targeted VMs (SSH, RDP, databases, admin consoles, debug ports)
    reachable from anywhere; an attacker only needs one weak service. Listing just
    the served ports keeps everything else unreachable.
  EOT
}

rule "TM-GCP-SUBNET-FLOW-LOGS" {
  title      = "VPC subnetwork has no flow logs"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12", "cis-gcp-2.0:3.8"]
  likelihood = 2
  impact     = 3
  resource   = ["google_compute_subnetwork"]
  applies    = "!(get(r, 'purpose', 'PRIVATE') in ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER', 'PRIVATE_SERVICE_CONNECT'])"
  condition  = "!has(r.log_config) || size(r.log_config) == 0"
  location   = "log_config"
  message    = "No log_config block: VPC flow logs are off for this subnetwork."
  remediation = "Add log_config { aggregation_interval = \"INTERVAL_5_SEC\"  flow_sampling = 0.5  metadata = \"INCLUDE_ALL_METADATA\" }."
  equivalents {
    tfsec   = ["google-compute-enable-vpc-flow-logs"]
    trivy   = ["AVD-GCP-0029"]
    checkov = ["CKV_GCP_26"]
  }
  description = <<-EOT
    Without flow logs there is no record of which addresses VMs talked to. After a
    compromise, responders cannot tell where data went, which hosts the attacker
    reached or whether a C2 channel is still active. Flow logs record the connections
    of the subnet's VMs (sampled) for analysis and alerting.
  EOT

  fix {
    title = "Enable VPC flow logs"
    set {
      path  = "log_config.aggregation_interval"
      value = "INTERVAL_5_SEC"
    }
    set {
      path  = "log_config.flow_sampling"
      value = 0.5
    }
    set {
      path  = "log_config.metadata"
      value = "INCLUDE_ALL_METADATA"
    }
  }
}

rule "TM-GCP-SUBNET-PRIVATE-GOOGLE-ACCESS" {
  title      = "VPC subnetwork has Private Google Access off"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-668"]
  compliance = ["nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 1
  impact     = 3
  resource   = ["google_compute_subnetwork"]
  applies    = "!(get(r, 'purpose', 'PRIVATE') in ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER', 'PRIVATE_SERVICE_CONNECT'])"
  condition  = "!get(r, 'private_ip_google_access', false)"
  location   = "private_ip_google_access"
  message    = "private_ip_google_access is not true: VMs without external IPs cannot reach Google APIs, which pushes teams to give them public IPs."
  remediation = "Set private_ip_google_access = true."
  equivalents {
    checkov = ["CKV_GCP_74"]
  }
  description = <<-EOT
    VMs without external addresses can only call Google APIs (Cloud Storage, Artifact
    Registry, Secret Manager) when Private Google Access is on. Without it, the easy
    workaround is an external IP or a broad NAT, which exposes the VMs or their
    traffic. Enabling it keeps API traffic on Google's network and lets workloads stay
    private.
  EOT

  fix {
    title = "Enable Private Google Access"
    set {
      path  = "private_ip_google_access"
      value = true
    }
  }
}

rule "TM-GCP-DNS-DNSSEC" {
  title      = "Public Cloud DNS zone does not use DNSSEC"
  severity   = "medium"
  stride     = ["spoofing", "tampering"]
  cwe        = ["CWE-345"]
  compliance = ["nist-800-53-r5:SC-20", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-gcp-2.0:3.3"]
  likelihood = 2
  impact     = 4
  resource   = ["google_dns_managed_zone"]
  applies    = "get(r, 'visibility', 'public') == 'public'"
  condition  = "get(r, 'dnssec_config.state', 'off') != 'on'"
  location   = "dnssec_config"
  message    = "DNSSEC is off for this public zone: resolvers cannot verify its answers."
  remediation = "Add dnssec_config { state = \"on\" } and publish the DS record at the registrar."
  equivalents {
    tfsec   = ["google-dns-enable-dnssec"]
    checkov = ["CKV_GCP_16"]
  }
  description = <<-EOT
    Without DNSSEC, a resolver cannot tell a genuine answer for your domain from a
    forged one. Cache poisoning or an on-path attacker can then send users and
    services to an attacker's server (to phish credentials or intercept traffic that
    is not strictly pinned). With DNSSEC, validating resolvers reject forged records.
  EOT

  fix {
    title = "Turn DNSSEC on"
    set {
      path  = "dnssec_config.state"
      value = "on"
    }
  }
}
