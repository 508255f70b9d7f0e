# Amazon OpenSearch Service (and legacy Elasticsearch Service) domains.

rule "TM-AWS-OPENSEARCH-ENCRYPTION-AT-REST" {
  title      = "OpenSearch domain is not encrypted at rest"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_opensearch_domain", "aws_elasticsearch_domain"]
  condition  = "!get(r, 'encrypt_at_rest.enabled', false)"
  location   = "encrypt_at_rest.enabled"
  message    = "Indices, logs, swap files and automated snapshots of the domain are not encrypted."
  remediation = "Add encrypt_at_rest { enabled = true } (optionally with kms_key_id)."
  equivalents {
    tfsec   = ["aws-elastic-search-enable-domain-encryption"]
    trivy   = ["AVD-AWS-0048"]
    checkov = ["CKV_AWS_5"]
  }
  description = <<-EOT
    Search domains hold copies of application data and logs, often with personal
    data. Without encryption at rest, the indices, automated snapshots and swap files
    are stored in clear on the domain's volumes. Encryption at rest protects them with
    a KMS key whose use is logged and restricted.
  EOT

  fix {
    title = "Encrypt the domain at rest"
    set {
      path  = "encrypt_at_rest.enabled"
      value = true
    }
  }
}

rule "TM-AWS-OPENSEARCH-NODE-TO-NODE" {
  title      = "OpenSearch domain does not encrypt traffic between nodes"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_opensearch_domain", "aws_elasticsearch_domain"]
  condition  = "!get(r, 'node_to_node_encryption.enabled', false)"
  location   = "node_to_node_encryption.enabled"
  message    = "Data moves between the domain's nodes in plaintext."
  remediation = "Add node_to_node_encryption { enabled = true }."
  equivalents {
    tfsec   = ["aws-elastic-search-enable-in-transit-encryption"]
    trivy   = ["AVD-AWS-0043"]
    checkov = ["CKV_AWS_6"]
  }
  description = <<-EOT
    Shard replication and query fan-out carry every document between nodes. Without
    node-to-node encryption that traffic is plaintext inside the VPC, readable by
    anyone able to observe it. Node-to-node TLS encrypts it and is also a prerequisite
    for fine-grained access control.
  EOT

  fix {
    title = "Encrypt node-to-node traffic"
    set {
      path  = "node_to_node_encryption.enabled"
      value = true
    }
  }
}

rule "TM-AWS-OPENSEARCH-HTTPS" {
  title      = "OpenSearch domain endpoint allows plain HTTP or old TLS"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_opensearch_domain", "aws_elasticsearch_domain"]
  condition  = "get(r, 'domain_endpoint_options.enforce_https', true) == false || get(r, 'domain_endpoint_options.tls_security_policy', '') == 'Policy-Min-TLS-1-0-2019-07'"
  location   = "domain_endpoint_options"
  message    = "The endpoint accepts plain HTTP (enforce_https = false) or TLS 1.0 (Policy-Min-TLS-1-0-2019-07)."
  remediation = "Set domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" }."
  equivalents {
    tfsec   = ["aws-elastic-search-enforce-https", "aws-elastic-search-use-secure-tls-policy"]
    trivy   = ["AVD-AWS-0046", "AVD-AWS-0126"]
    checkov = ["CKV_AWS_83", "CKV_AWS_228"]
  }
  description = <<-EOT
    Clients of the domain send queries, documents and (with fine-grained access
    control) credentials. Over plain HTTP or TLS 1.0 an attacker on the path can read
    or alter them. Enforcing HTTPS with a TLS 1.2 minimum policy keeps that traffic
    confidential and intact. Only explicit weak settings are reported.
  EOT

  fix {
    title = "Enforce HTTPS with TLS 1.2"
    set {
      path  = "domain_endpoint_options.enforce_https"
      value = true
    }
    set {
      path  = "domain_endpoint_options.tls_security_policy"
      value = "Policy-Min-TLS-1-2-2019-07"
    }
  }
}

rule "TM-AWS-ES-POLICY-PUBLIC" {
  title      = "OpenSearch/Elasticsearch domain policy allows anyone"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_elasticsearch_domain_policy", "aws_opensearch_domain_policy", "aws_elasticsearch_domain", "aws_opensearch_domain"]
  applies    = "res.type in ['aws_elasticsearch_domain_policy', 'aws_opensearch_domain_policy'] ? !(related('aws_elasticsearch_domain') + related('aws_opensearch_domain')).exists(d, size(all_blocks(d, 'vpc_options')) > 0 || (get(d, 'advanced_security_options.enabled', false) && !get(d, 'advanced_security_options.anonymous_auth_enabled', false))) : has(r.access_policies) && size(all_blocks(r, 'vpc_options')) == 0 && !(get(r, 'advanced_security_options.enabled', false) && !get(r, 'advanced_security_options.anonymous_auth_enabled', false))"
  condition  = "statements(get(r, 'access_policies', '')).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && s.Principal.exists(k, '*' in s.Principal[k])) || related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', []))))"
  location   = "access_policies"
  message    = "An access policy statement allows Principal \"*\" without any condition on a domain reachable from the internet."
  remediation = "Name the principals (role ARNs) in the access policy, restrict the statement with a Condition (aws:SourceIp), or place the domain in a VPC (vpc_options) or behind fine-grained access control."
  description = <<-EOT
    A domain access policy that allows `*` without a `Condition` lets anyone who can
    reach the public endpoint call the allowed actions unsigned: typically `es:*`,
    which means reading every index, writing or deleting documents and changing the
    cluster's settings. Search clusters are scanned for continuously and open ones
    are wiped and held for ransom. Naming principals, or conditioning the statement
    on source addresses, limits who can use the domain. Domains in a VPC
    (`vpc_options`) and domains with fine-grained access control (without anonymous
    access) authenticate requests elsewhere, where AWS recommends an open domain
    policy, and are skipped. Policy documents used as the access policy are read
    statement by statement.
  EOT
}
