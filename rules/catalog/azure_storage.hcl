# Azure Storage rules: transport security, public blob access, network exposure
# and shared key authorisation of azurerm_storage_account and its containers.
#
# Attribute names differ between azurerm 3 and 4 (enable_https_traffic_only became
# https_traffic_only_enabled in 4.0); rules read both and fall back to the provider's
# default, so an account that relies on a secure default is not reported.
# azurerm_storage_account_network_rules (the split form) reaches rules through
# related().

rule "TM-AZURE-STORAGE-MIN-TLS" {
  title      = "Storage account accepts TLS 1.0 or 1.1"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_storage_account"]
  condition  = "get(r, 'min_tls_version', 'TLS1_2') in ['TLS1_0', 'TLS1_1']"
  location   = "min_tls_version"
  message    = "The storage account accepts TLS 1.0/1.1 connections."
  remediation = "Set min_tls_version = \"TLS1_2\" (the provider default)."
  equivalents {
    tfsec   = ["azure-storage-use-secure-tls-policy"]
    trivy   = ["AVD-AZU-0011"]
    checkov = ["CKV_AZURE_44"]
  }
  description = <<-EOT
    TLS 1.0 and 1.1 rely on weak constructions (CBC padding oracles such as BEAST and
    POODLE-style downgrades, SHA-1 based handshakes). A client that negotiates them
    with the storage endpoint can have its shared keys, SAS tokens and data exposed or
    altered by an attacker on the network path. Requiring TLS 1.2 makes the service
    refuse the old protocols, so every client negotiates modern ciphers.
  EOT

  fix {
    title = "Require TLS 1.2"
    set {
      path  = "min_tls_version"
      value = "TLS1_2"
    }
  }
}

rule "TM-AZURE-STORAGE-HTTPS-ONLY" {
  title      = "Storage account accepts plain HTTP"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10", "cis-azure-2.0:3.1"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_storage_account"]
  condition  = "!get(r, 'enable_https_traffic_only', true) || !get(r, 'https_traffic_only_enabled', true)"
  location   = "https_traffic_only_enabled"
  message    = "Secure transfer is off: the storage account serves requests over plain HTTP."
  remediation = "Set https_traffic_only_enabled = true (azurerm 4) or enable_https_traffic_only = true (azurerm 3); true is the default."
  equivalents {
    tfsec   = ["azure-storage-enforce-https"]
    trivy   = ["AVD-AZU-0008"]
    checkov = ["CKV_AZURE_3"]
  }
  description = <<-EOT
    With secure transfer disabled, blob, file, queue and table requests can travel in
    clear text. Anyone on the network path (a shared Wi-Fi, a compromised proxy) reads
    the data and the SAS tokens or shared-key signatures in the requests, and can
    alter responses. Requiring HTTPS makes the service reject unencrypted requests.
  EOT

  fix {
    title   = "Require HTTPS"
    applies = "has(r.enable_https_traffic_only)"
    set {
      path  = "enable_https_traffic_only"
      value = true
    }
  }
  fix {
    title = "Require HTTPS"
    set {
      path  = "https_traffic_only_enabled"
      value = true
    }
  }
}

rule "TM-AZURE-STORAGE-PUBLIC-BLOB-ACCESS" {
  title      = "Storage account lets containers be made public"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_storage_account"]
  condition  = "get(r, 'allow_nested_items_to_be_public', true) || get(r, 'allow_blob_public_access', false)"
  location   = "allow_nested_items_to_be_public"
  message    = "allow_nested_items_to_be_public is true (the provider default): any container in the account can be switched to anonymous read."
  remediation = "Set allow_nested_items_to_be_public = false."
  equivalents {
    tfsec   = ["azure-storage-no-public-access"]
    trivy   = ["AVD-AZU-0007"]
    checkov = ["CKV_AZURE_190"]
  }
  description = <<-EOT
    While the account allows public nested items, one container created or changed
    with `container_access_type = "blob"` or `"container"` serves its blobs to anyone
    on the internet without credentials; with `"container"` the blob list is public
    too, so an attacker can enumerate and download everything. azurerm defaults this
    setting to `true`. Setting it to `false` makes Azure refuse anonymous access for
    every container in the account, whatever an individual container says.
  EOT

  fix {
    title = "Disallow public containers in this account"
    set {
      path  = "allow_nested_items_to_be_public"
      value = false
    }
  }
}

rule "TM-AZURE-STORAGE-CONTAINER-PUBLIC" {
  title      = "Storage container allows anonymous read"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  resource   = ["azurerm_storage_container"]
  applies    = "!related('azurerm_storage_account').exists(a, !get(a, 'allow_nested_items_to_be_public', true))"
  condition  = "get(r, 'container_access_type', 'private') in ['blob', 'container']"
  location   = "container_access_type"
  message    = "container_access_type grants anonymous read access to the container's blobs."
  remediation = "Set container_access_type = \"private\" and share data with SAS tokens or Entra ID roles."
  equivalents {
    tfsec   = ["azure-storage-no-public-access"]
    trivy   = ["AVD-AZU-0007"]
    checkov = ["CKV_AZURE_34"]
  }
  description = <<-EOT
    `blob` lets anyone who knows or guesses a blob URL download it; `container` also
    lets them list the container, so the whole content can be harvested with one
    anonymous request. Search engines and scanners index such containers routinely.
    A private container only answers requests signed with an account key, a SAS token
    or an Entra ID identity holding a data role. The rule is quiet when the account
    sets `allow_nested_items_to_be_public = false`, which overrides the container.
  EOT

  fix {
    title = "Make the container private"
    set {
      path  = "container_access_type"
      value = "private"
    }
  }
}

rule "TM-AZURE-STORAGE-NETWORK-ALLOW" {
  title      = "Storage account accepts traffic from any network"
  severity   = "medium"
  stride     = ["information-disclosure", "spoofing"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["azurerm_storage_account"]
  applies    = "get(r, 'public_network_access_enabled', true)"
  condition  = "get(r, 'network_rules.default_action', 'Allow') != 'Deny' && !related('azurerm_storage_account_network_rules').exists(n, get(n, 'default_action', 'Allow') == 'Deny')"
  location   = "network_rules"
  message    = "The account's public endpoint accepts connections from every network (default_action is Allow)."
  remediation = "Set network_rules { default_action = \"Deny\" } (or an azurerm_storage_account_network_rules resource) with ip_rules / virtual_network_subnet_ids for the callers, or public_network_access_enabled = false with a private endpoint."
  equivalents {
    tfsec   = ["azure-storage-default-action-deny"]
    trivy   = ["AVD-AZU-0012"]
    checkov = ["CKV_AZURE_35", "CKV_AZURE_59"]
  }
  description = <<-EOT
    With the storage firewall's default action `Allow`, the account's endpoints answer
    requests from anywhere on the internet. A leaked account key, SAS token or
    over-broad Entra ID role is then usable from the attacker's own machine. With
    `default_action = "Deny"` only the listed IP ranges, subnets and (with `bypass`)
    trusted Azure services reach the account, so a stolen credential alone is not
    enough. The rule is quiet when `public_network_access_enabled = false`.
  EOT

  fix {
    title   = "Deny by default in the storage firewall"
    applies = "size(related('azurerm_storage_account_network_rules')) > 0"
    target  = "azurerm_storage_account_network_rules"
    set {
      path  = "default_action"
      value = "Deny"
    }
  }
  fix {
    title   = "Deny by default in the storage firewall"
    applies = "has(r.network_rules) && size(r.network_rules) > 0"
    set {
      path  = "network_rules.default_action"
      value = "Deny"
    }
  }
  fix {
    title        = "Add network rules that deny by default"
    add_resource = <<-EOT
      resource "azurerm_storage_account_network_rules" "$${name}" {
        storage_account_id = $${self}.id

        default_action = "Deny"
        bypass         = ["AzureServices"]
        ip_rules       = []
      }
    EOT
  }
}

rule "TM-AZURE-STORAGE-SHARED-KEY" {
  title      = "Storage account allows shared key authorisation"
  severity   = "low"
  stride     = ["spoofing", "repudiation"]
  cwe        = ["CWE-287"]
  compliance = ["nist-800-53-r5:AC-3", "nist-800-53-r5:IA-2", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 4
  resource   = ["azurerm_storage_account"]
  condition  = "get(r, 'shared_access_key_enabled', true)"
  location   = "shared_access_key_enabled"
  message    = "Shared key (account key and account SAS) authorisation is enabled (the provider default)."
  remediation = "Set shared_access_key_enabled = false and grant access with Entra ID roles (set storage_use_azuread = true in the azurerm provider)."
  equivalents {
    checkov = ["CKV2_AZURE_40"]
  }
  description = <<-EOT
    An account key is a root credential for all data in the account: it never
    expires, cannot be scoped, and anything signed with it (including SAS tokens)
    shows up in logs without an identity. Keys end up in connection strings, CI
    variables and laptops; whoever copies one reads and deletes everything. Disabling
    shared key authorisation forces Entra ID authentication, where access is scoped by
    role, revocable per identity and attributable in the logs.
  EOT

  fix {
    title = "Disable shared key authorisation"
    set {
      path  = "shared_access_key_enabled"
      value = false
    }
  }
}

rule "TM-AZURE-STORAGE-BLOB-SOFT-DELETE" {
  title      = "Storage account has no blob soft delete"
  severity   = "low"
  stride     = ["tampering", "denial-of-service"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_storage_account"]
  applies    = "get(r, 'account_kind', 'StorageV2') in ['StorageV2', 'BlobStorage', 'BlockBlobStorage']"
  condition  = "size(all_blocks(r, 'blob_properties.delete_retention_policy')) == 0"
  location   = "blob_properties"
  message    = "No blob_properties { delete_retention_policy } block: deleted or overwritten blobs cannot be recovered."
  remediation = "Add blob_properties { delete_retention_policy { days = 7 } } (or longer)."
  description = <<-EOT
    Without soft delete, a blob deleted or overwritten by mistake, by a faulty job or
    by an attacker holding a key (ransomware routinely deletes the originals after
    encrypting copies) is gone at once. With a delete retention policy, deleted
    blobs and overwritten versions stay recoverable for the retention period.
  EOT

  fix {
    title = "Keep deleted blobs for 7 days"
    set {
      path  = "blob_properties.delete_retention_policy.days"
      value = 7
    }
  }
}

rule "TM-AZURE-STORAGE-CONTAINER-SOFT-DELETE" {
  title      = "Storage account has no container soft delete"
  severity   = "low"
  stride     = ["tampering", "denial-of-service"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 3
  resource   = ["azurerm_storage_account"]
  applies    = "get(r, 'account_kind', 'StorageV2') in ['StorageV2', 'BlobStorage', 'BlockBlobStorage']"
  condition  = "size(all_blocks(r, 'blob_properties.container_delete_retention_policy')) == 0"
  location   = "blob_properties"
  message    = "No blob_properties { container_delete_retention_policy } block: a deleted container and all its blobs are lost immediately."
  remediation = "Add blob_properties { container_delete_retention_policy { days = 7 } } (or longer)."
  description = <<-EOT
    Blob soft delete does not cover deleting a whole container: one call with a
    leaked key removes every blob in it at once. A container delete retention
    policy keeps deleted containers restorable for the retention period.
  EOT

  fix {
    title = "Keep deleted containers for 7 days"
    set {
      path  = "blob_properties.container_delete_retention_policy.days"
      value = 7
    }
  }
}
