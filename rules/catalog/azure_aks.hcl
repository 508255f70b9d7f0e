# Azure Kubernetes Service rules (azurerm_kubernetes_cluster): API server exposure,
# Kubernetes RBAC, network policy and local accounts.
#
# azurerm 3 accepted both api_server_authorized_ip_ranges (removed in 4.0) and
# api_server_access_profile { authorized_ip_ranges }; rules read both.

rule "TM-AZURE-AKS-API-PUBLIC" {
  title      = "AKS API server is open to the internet"
  severity   = "high"
  stride     = ["spoofing", "elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 5
  resource   = ["azurerm_kubernetes_cluster"]
  condition  = "!get(r, 'private_cluster_enabled', false) && size(get(r, 'api_server_access_profile.authorized_ip_ranges', [])) == 0 && size(get(r, 'api_server_authorized_ip_ranges', [])) == 0 && !get(r, 'api_server_access_profile.vnet_integration_enabled', false)"
  location   = "api_server_access_profile"
  message    = "The cluster's API server is public and no authorized IP ranges restrict who can reach it."
  remediation = "Set api_server_access_profile { authorized_ip_ranges = [...] } to your admin and CI ranges, or private_cluster_enabled = true."
  equivalents {
    tfsec   = ["azure-container-limit-authorized-ips"]
    trivy   = ["AVD-AZU-0041"]
    checkov = ["CKV_AZURE_6", "CKV_AZURE_115"]
  }
  description = <<-EOT
    A public API server without authorized IP ranges accepts connections from the
    whole internet. Any leaked kubeconfig, service-account token or client certificate
    then gives cluster access from anywhere, and API server vulnerabilities are
    exploitable by anyone. Authorized ranges (or a private cluster) limit the API to
    networks you control.
  EOT
}

rule "TM-AZURE-AKS-RBAC-DISABLED" {
  title      = "AKS cluster has Kubernetes RBAC disabled"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 5
  resource   = ["azurerm_kubernetes_cluster"]
  condition  = "!get(r, 'role_based_access_control_enabled', true) || !get(r, 'role_based_access_control.enabled', true)"
  location   = "role_based_access_control_enabled"
  message    = "Kubernetes RBAC is disabled (role_based_access_control_enabled = false, or role_based_access_control { enabled = false } in azurerm 2): every authenticated user and service account is effectively cluster admin."
  remediation = "Set role_based_access_control_enabled = true (the default; in azurerm 2, role_based_access_control { enabled = true }) and add azure_active_directory_role_based_access_control."
  equivalents {
    tfsec   = ["azure-container-use-rbac-permissions"]
    trivy   = ["AVD-AZU-0042"]
    checkov = ["CKV_AZURE_5"]
  }
  description = <<-EOT
    Without RBAC the API server does not check what an authenticated caller may do.
    A compromised pod's service-account token is enough to read every secret, create
    privileged pods and take over the nodes. With RBAC each user and service account
    gets only the verbs and resources granted to it. Both the azurerm 3+ attribute
    `role_based_access_control_enabled` and the azurerm 2 block
    `role_based_access_control { enabled }` are read. (Changing this setting recreates
    the cluster.)
  EOT

  fix {
    title   = "Enable Kubernetes RBAC"
    applies = "!get(r, 'role_based_access_control_enabled', true) && get(r, 'role_based_access_control.enabled', true)"
    set {
      path  = "role_based_access_control_enabled"
      value = true
    }
  }
  fix {
    title   = "Enable Kubernetes RBAC"
    applies = "!get(r, 'role_based_access_control.enabled', true) && get(r, 'role_based_access_control_enabled', true)"
    set {
      path  = "role_based_access_control.enabled"
      value = true
    }
  }
}

rule "TM-AZURE-AKS-NETWORK-POLICY" {
  title      = "AKS cluster has no network policy engine"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.2.5", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 3
  resource   = ["azurerm_kubernetes_cluster"]
  condition  = "get(r, 'network_profile.network_policy', '') == ''"
  location   = "network_profile"
  message    = "network_profile.network_policy is not set: NetworkPolicy objects are ignored and every pod can reach every other pod."
  remediation = "Set network_profile { network_policy = \"azure\" | \"calico\" | \"cilium\" } (cilium needs network_data_plane = \"cilium\")."
  equivalents {
    tfsec   = ["azure-container-configured-network-policy"]
    trivy   = ["AVD-AZU-0043"]
    checkov = ["CKV_AZURE_7"]
  }
  description = <<-EOT
    Without a network policy engine, Kubernetes NetworkPolicy resources have no
    effect. An attacker who compromises one pod (through an application bug or a
    malicious image) can connect to every other pod and service in the cluster,
    including databases and internal admin endpoints. With a policy engine, namespaces
    can default-deny and allow only the flows they need.
  EOT

  fix {
    title = "Use the Calico network policy engine"
    set {
      path  = "network_profile.network_policy"
      value = "calico"
    }
  }
}

rule "TM-AZURE-AKS-LOCAL-ACCOUNTS" {
  title      = "AKS cluster keeps local admin accounts"
  severity   = "medium"
  stride     = ["spoofing", "repudiation", "elevation-of-privilege"]
  cwe        = ["CWE-287"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-2", "nist-800-53-r5:AC-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 5
  resource   = ["azurerm_kubernetes_cluster"]
  condition  = "!get(r, 'local_account_disabled', false)"
  location   = "local_account_disabled"
  message    = "local_account_disabled is not true: the static cluster-admin credential can be downloaded with listClusterAdminCredential."
  remediation = "Set local_account_disabled = true with azure_active_directory_role_based_access_control configured."
  equivalents {
    checkov = ["CKV_AZURE_141"]
  }
  description = <<-EOT
    Local accounts give a certificate-based cluster-admin kubeconfig that bypasses
    Entra ID: it cannot be limited by Conditional Access, is not tied to a person in the
    audit log, and stays valid until the certificates are rotated. Anyone with the
    Azure permission to fetch it, or who finds a copy, is cluster admin. Disabling
    local accounts leaves Entra ID authentication with RBAC as the only way in.
  EOT

  fix {
    title = "Disable local accounts"
    set {
      path  = "local_account_disabled"
      value = true
    }
  }
}

rule "TM-AZURE-AKS-AZURE-POLICY" {
  title      = "AKS cluster does not run the Azure Policy add-on"
  severity   = "low"
  stride     = ["elevation-of-privilege", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CM-6", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_kubernetes_cluster"]
  condition  = "!get(r, 'azure_policy_enabled', false)"
  location   = "azure_policy_enabled"
  message    = "azure_policy_enabled is not true: no admission control enforces pod security baselines."
  remediation = "Set azure_policy_enabled = true and assign the Kubernetes pod security baseline initiative."
  equivalents {
    checkov = ["CKV_AZURE_116"]
  }
  description = <<-EOT
    Without an admission controller enforcing policy, anyone who can create pods can
    run them privileged, with host networking or host paths mounted, which is a
    direct route from a namespace to the node and the cluster. The Azure Policy
    add-on (Gatekeeper) rejects such pods according to the policies you assign.
  EOT

  fix {
    title = "Enable the Azure Policy add-on"
    set {
      path  = "azure_policy_enabled"
      value = true
    }
  }
}
