# Azure networking rules: network security group rules (inline security_rule blocks
# of azurerm_network_security_group and separate azurerm_network_security_rule
# resources) and NSG flow log retention.
#
# A source is "the internet" when source_address_prefix or any of
# source_address_prefixes is `*`, `0.0.0.0/0`, `Internet`, `Any` or another /0 form
# (cidr_public). Ports come from destination_port_range ("22", "20-25", "*") or
# destination_port_ranges. Protocol `*` covers TCP and UDP. Rules opening every
# port are reported once, by TM-AZURE-NSG-ALL-PORTS-OPEN.

rule "TM-AZURE-NSG-SSH-OPEN" {
  title      = "Network security group allows SSH from the internet"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:2.2.7", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-azure-2.0:6.2"]
  likelihood = 4
  impact     = 4
  resource   = ["azurerm_network_security_group", "azurerm_network_security_rule"]
  condition  = "(res.type == 'azurerm_network_security_group' ? all_blocks(r, 'security_rule') : [r]).exists(s, lower(get(s, 'direction', '')) == 'inbound' && lower(get(s, 'access', '')) == 'allow' && lower(get(s, 'protocol', '')) in ['tcp', '*'] && (cidr_public(get(s, 'source_address_prefix', '')) || any_public(get(s, 'source_address_prefixes', []))) && get(s, 'destination_port_range', '') != '*' && ((get(s, 'destination_port_range', '') != '' && port_in(get(s, 'destination_port_range', ''), 22)) || get(s, 'destination_port_ranges', []).exists(p, p != '' && port_in(p, 22))))"
  location   = "security_rule"
  message    = "An inbound Allow rule from the internet reaches TCP port 22 (SSH)."
  remediation = "Restrict source_address_prefix(es) to known ranges or an application security group, or remove the rule and reach VMs through Azure Bastion."
  equivalents {
    tfsec   = ["azure-network-ssh-blocked-from-internet"]
    trivy   = ["AVD-AZU-0050"]
    checkov = ["CKV_AZURE_10"]
  }
  description = <<-EOT
    SSH reachable from the whole internet is found by scanners within minutes and then
    brute-forced or attacked through SSH vulnerabilities; one weak password or leaked
    key gives a shell inside the virtual network. Limiting the source to an office or
    VPN range, or removing inbound SSH in favour of Azure Bastion or just-in-time VM
    access, takes the port off the internet.
  EOT
}

rule "TM-AZURE-NSG-RDP-OPEN" {
  title      = "Network security group allows RDP from the internet"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:2.2.7", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "cis-azure-2.0:6.1"]
  likelihood = 4
  impact     = 5
  resource   = ["azurerm_network_security_group", "azurerm_network_security_rule"]
  condition  = "(res.type == 'azurerm_network_security_group' ? all_blocks(r, 'security_rule') : [r]).exists(s, lower(get(s, 'direction', '')) == 'inbound' && lower(get(s, 'access', '')) == 'allow' && lower(get(s, 'protocol', '')) in ['tcp', 'udp', '*'] && (cidr_public(get(s, 'source_address_prefix', '')) || any_public(get(s, 'source_address_prefixes', []))) && get(s, 'destination_port_range', '') != '*' && ((get(s, 'destination_port_range', '') != '' && port_in(get(s, 'destination_port_range', ''), 3389)) || get(s, 'destination_port_ranges', []).exists(p, p != '' && port_in(p, 3389))))"
  location   = "security_rule"
  message    = "An inbound Allow rule from the internet reaches port 3389 (RDP)."
  remediation = "Restrict source_address_prefix(es) to known ranges, or remove the rule and reach VMs through Azure Bastion or just-in-time access."
  equivalents {
    tfsec   = ["azure-network-disable-rdp-from-internet"]
    trivy   = ["AVD-AZU-0048"]
    checkov = ["CKV_AZURE_9"]
  }
  description = <<-EOT
    Internet-facing RDP is a leading ransomware entry point: it is password-sprayed
    continuously and has had pre-authentication vulnerabilities (BlueKeep). An
    attacker who gets in holds an interactive Windows session inside the virtual
    network. Allowing RDP only from a VPN range, or not at all (Azure Bastion), removes
    that entry point.
  EOT
}

rule "TM-AZURE-NSG-ALL-PORTS-OPEN" {
  title      = "Network security group allows every port from the internet"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.2.5", "pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 5
  resource   = ["azurerm_network_security_group", "azurerm_network_security_rule"]
  condition  = "(res.type == 'azurerm_network_security_group' ? all_blocks(r, 'security_rule') : [r]).exists(s, lower(get(s, 'direction', '')) == 'inbound' && lower(get(s, 'access', '')) == 'allow' && lower(get(s, 'protocol', '')) in ['tcp', 'udp', '*'] && (cidr_public(get(s, 'source_address_prefix', '')) || any_public(get(s, 'source_address_prefixes', []))) && (get(s, 'destination_port_range', '') in ['*', '0-65535'] || get(s, 'destination_port_ranges', []).exists(p, p in ['*', '0-65535'])))"
  location   = "security_rule"
  message    = "An inbound Allow rule from the internet opens every destination port."
  remediation = "Allow only the ports the workload serves (for example 443), from the sources that need them."
  equivalents {
    tfsec   = ["azure-network-no-public-ingress"]
    trivy   = ["AVD-AZU-0047"]
  }
  description = <<-EOT
    A rule with destination port `*` from `Internet`/`*` removes the network security
    group as a barrier: SSH, RDP, database listeners, management agents and debug
    ports on every VM in the subnet become reachable from anywhere, and an attacker
    only needs one weak service. Opening just the served ports, from just the
    required sources, keeps everything else unreachable.
  EOT
}

rule "TM-AZURE-NSG-DB-PORT-OPEN" {
  title      = "Network security group exposes a database port to the internet"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "pci-dss-4.0:1.4.4", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 5
  resource   = ["azurerm_network_security_group", "azurerm_network_security_rule"]
  condition  = "(res.type == 'azurerm_network_security_group' ? all_blocks(r, 'security_rule') : [r]).exists(s, lower(get(s, 'direction', '')) == 'inbound' && lower(get(s, 'access', '')) == 'allow' && lower(get(s, 'protocol', '')) in ['tcp', '*'] && (cidr_public(get(s, 'source_address_prefix', '')) || any_public(get(s, 'source_address_prefixes', []))) && get(s, 'destination_port_range', '') != '*' && [1433, 3306, 5432, 1521, 27017, 6379, 9200].exists(port, (get(s, 'destination_port_range', '') != '' && port_in(get(s, 'destination_port_range', ''), port)) || get(s, 'destination_port_ranges', []).exists(p, p != '' && port_in(p, port))))"
  location   = "security_rule"
  message    = "An inbound Allow rule from the internet reaches a database port (1433, 3306, 5432, 1521, 27017, 6379 or 9200)."
  remediation = "Allow database ports only from the application subnet or application security group; use private endpoints for PaaS databases."
  equivalents {
    checkov = ["CKV_AZURE_160"]
  }
  description = <<-EOT
    SQL Server, MySQL, PostgreSQL, Oracle, MongoDB, Redis and Elasticsearch listening
    to the internet are brute-forced, and the last three are often reachable without
    authentication; exposed instances are routinely wiped and held for ransom.
    Databases should accept connections only from the application tier: name its
    subnet or application security group as the source.
  EOT
}

rule "TM-AZURE-NETWORK-FLOW-LOG-RETENTION" {
  title      = "NSG flow logs are kept less than 90 days"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-11", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_network_watcher_flow_log"]
  applies    = "get(r, 'enabled', true)"
  condition  = "!get(r, 'retention_policy.enabled', false) || (get(r, 'retention_policy.days', 0) > 0 && get(r, 'retention_policy.days', 0) < 90)"
  location   = "retention_policy"
  message    = "Flow log retention is disabled or shorter than 90 days."
  remediation = "Set retention_policy { enabled = true  days = 90 } (or more; 0 keeps logs forever)."
  equivalents {
    tfsec   = ["azure-network-retention-policy-set"]
    trivy   = ["AVD-AZU-0049"]
    checkov = ["CKV_AZURE_12"]
  }
  description = <<-EOT
    Intrusions are typically discovered weeks or months after they begin. Flow logs
    that are deleted after a few days cannot show which hosts the attacker talked to,
    what was exfiltrated or when lateral movement started. Keeping at least 90 days
    (many regimes ask for a year) lets responders reconstruct the timeline.
  EOT

  fix {
    title = "Keep flow logs for 90 days"
    set {
      path  = "retention_policy.enabled"
      value = true
    }
    set {
      path  = "retention_policy.days"
      value = 90
    }
  }
}

rule "TM-AZURE-NETWORK-FLOW-LOG-DISABLED" {
  title      = "NSG flow log is disabled"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 3
  resource   = ["azurerm_network_watcher_flow_log"]
  condition  = "!get(r, 'enabled', true)"
  location   = "enabled"
  message    = "The flow log is declared with enabled = false: no traffic of the network security group is recorded."
  remediation = "Set enabled = true (and keep the logs at least 90 days with retention_policy)."
  description = <<-EOT
    A flow log resource that exists but is disabled looks like coverage in a review
    while recording nothing. Without flow records, responders cannot tell which hosts
    an attacker reached, whether data left the network or when lateral movement
    started, and anomaly detection (Traffic Analytics, a SIEM) has no input.
    Enabling the flow log records every allowed and denied connection through the
    network security group.
  EOT

  fix {
    title = "Enable the flow log"
    set {
      path  = "enabled"
      value = true
    }
  }
}
