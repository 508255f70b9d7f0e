# Streaming, analytics and machine-learning services: Kinesis, Firehose, Athena, Glue,
# MSK, EMR, DMS and SageMaker.

rule "TM-AWS-KINESIS-ENCRYPTION" {
  title      = "Kinesis data stream is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_kinesis_stream"]
  condition  = "get(r, 'encryption_type', 'NONE') != 'KMS'"
  location   = "encryption_type"
  message    = "Records in the stream are stored unencrypted (encryption_type defaults to NONE)."
  remediation = "Set encryption_type = \"KMS\" with kms_key_id (alias/aws/kinesis or a customer managed key)."
  equivalents {
    tfsec   = ["aws-kinesis-enable-in-transit-encryption"]
    trivy   = ["AVD-AWS-0064"]
    checkov = ["CKV_AWS_43"]
  }
  description = <<-EOT
    A Kinesis stream keeps every record for its retention period (24 hours up to a
    year) and, without server-side encryption, stores them in clear. Streams often
    carry click streams, payment events or application logs with personal data; a
    consumer role that is too broad is then the only thing between that data and an
    attacker. With `encryption_type = "KMS"`, reading records also requires
    `kms:Decrypt` on the key, so access can be confined and audited in CloudTrail.
  EOT

  fix {
    title = "Encrypt the stream with the AWS managed Kinesis key"
    set {
      path  = "encryption_type"
      value = "KMS"
    }
    set {
      path  = "kms_key_id"
      value = "alias/aws/kinesis"
    }
  }
}

rule "TM-AWS-FIREHOSE-ENCRYPTION" {
  title      = "Firehose delivery stream is not encrypted at rest"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_kinesis_firehose_delivery_stream"]
  applies    = "size(all_blocks(r, 'kinesis_source_configuration')) == 0 && size(all_blocks(r, 'msk_source_configuration')) == 0"
  condition  = "!get(r, 'server_side_encryption.enabled', false)"
  location   = "server_side_encryption"
  message    = "Records buffered by the delivery stream are not encrypted with server-side encryption."
  remediation = "Add server_side_encryption { enabled = true } (key_type CUSTOMER_MANAGED_CMK with key_arn for your own key)."
  equivalents {
    checkov = ["CKV_AWS_240"]
  }
  description = <<-EOT
    A direct-put delivery stream buffers records for up to 15 minutes before it
    delivers them, and without server-side encryption that buffer is unencrypted.
    With `server_side_encryption { enabled = true }` Firehose encrypts records with a
    KMS key from ingestion to delivery. Streams whose source is a Kinesis data stream
    or MSK cluster inherit the source's encryption and cannot enable this setting, so
    they are skipped.
  EOT

  fix {
    title = "Enable server-side encryption"
    set {
      path  = "server_side_encryption.enabled"
      value = true
    }
  }
}

rule "TM-AWS-ATHENA-WORKGROUP-ENCRYPTION" {
  title      = "Athena workgroup does not encrypt query results"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_athena_workgroup"]
  condition  = "get(r, 'configuration.result_configuration.encryption_configuration.encryption_option', '') == ''"
  location   = "configuration"
  message    = "Query results written to S3 by this workgroup are not required to be encrypted."
  remediation = "Add configuration { result_configuration { encryption_configuration { encryption_option = \"SSE_KMS\", kms_key_arn = ... } } } (or SSE_S3)."
  equivalents {
    tfsec   = ["aws-athena-enable-at-rest-encryption"]
    trivy   = ["AVD-AWS-0006"]
    checkov = ["CKV_AWS_159"]
  }
  description = <<-EOT
    Athena writes the full result of every query, often a copy of the most sensitive
    columns of the data lake, as CSV files to the results location. Without a
    workgroup encryption setting those copies are only as protected as the results
    bucket's defaults, and clients may write them unencrypted. Setting an
    `encryption_configuration` on the workgroup (and enforcing it) makes every result
    file encrypted with S3 or KMS keys.
  EOT

  fix {
    title = "Encrypt query results with S3 managed keys"
    set {
      path  = "configuration.result_configuration.encryption_configuration.encryption_option"
      value = "SSE_S3"
    }
  }
}

rule "TM-AWS-ATHENA-WORKGROUP-NOT-ENFORCED" {
  title      = "Athena workgroup lets clients override its settings"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CM-6", "nist-800-53-r5:SC-28", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_athena_workgroup"]
  condition  = "get(r, 'configuration.enforce_workgroup_configuration', true) == false"
  location   = "configuration.enforce_workgroup_configuration"
  message    = "enforce_workgroup_configuration = false: clients may choose their own result location and encryption."
  remediation = "Set configuration { enforce_workgroup_configuration = true }."
  equivalents {
    tfsec   = ["aws-athena-no-encryption-override"]
    trivy   = ["AVD-AWS-0007"]
  }
  description = <<-EOT
    When the workgroup configuration is not enforced, each client's own settings win:
    a user or tool can send query results to any bucket it can write to, including
    one outside the organisation, and without encryption. Enforcing the workgroup
    configuration makes the result location, encryption and query limits apply to
    every query run in the workgroup.
  EOT

  fix {
    title = "Enforce the workgroup configuration"
    set {
      path  = "configuration.enforce_workgroup_configuration"
      value = true
    }
  }
}

rule "TM-AWS-GLUE-CATALOG-ENCRYPTION" {
  title      = "Glue Data Catalog metadata is not encrypted"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_glue_data_catalog_encryption_settings"]
  condition  = "get(r, 'data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode', 'DISABLED') == 'DISABLED'"
  location   = "data_catalog_encryption_settings"
  message    = "catalog_encryption_mode = DISABLED: databases, tables and partitions are stored unencrypted."
  remediation = "Set encryption_at_rest { catalog_encryption_mode = \"SSE-KMS\" } (with sse_aws_kms_key_id for a customer managed key)."
  equivalents {
    checkov = ["CKV_AWS_94"]
  }
  description = <<-EOT
    The Data Catalog holds the schema of the whole data lake: table locations,
    column names, partition values (often dates, customer or tenant identifiers) and
    connection definitions. With catalog encryption disabled this metadata is stored
    unencrypted, and anyone with Glue read permissions sees it without needing a KMS
    grant. With `SSE-KMS` every read also requires the key, whose policy you control.
  EOT

  fix {
    title = "Encrypt the Data Catalog with KMS"
    set {
      path  = "data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode"
      value = "SSE-KMS"
    }
  }
}

rule "TM-AWS-MSK-PLAINTEXT" {
  title      = "MSK cluster accepts plaintext traffic"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_msk_cluster"]
  condition  = "get(r, 'encryption_info.encryption_in_transit.client_broker', 'TLS') != 'TLS' || get(r, 'encryption_info.encryption_in_transit.in_cluster', true) == false"
  location   = "encryption_info.encryption_in_transit"
  message    = "Kafka traffic between clients and brokers, or between brokers, can travel unencrypted."
  remediation = "Set encryption_in_transit { client_broker = \"TLS\", in_cluster = true } and move clients to the TLS listener (port 9094/9096/9098)."
  equivalents {
    tfsec   = ["aws-msk-enable-in-transit-encryption"]
    trivy   = ["AVD-AWS-0073"]
    checkov = ["CKV_AWS_81"]
  }
  description = <<-EOT
    With `client_broker` set to `PLAINTEXT` or `TLS_PLAINTEXT`, producers and
    consumers may send messages, and SASL/SCRAM credentials, in clear on port 9092;
    with `in_cluster = false` replication between brokers is unencrypted. Anyone
    able to capture traffic in the VPC (a compromised instance, a mirrored ENI)
    reads every message and can inject forged ones. Requiring TLS for both paths
    encrypts and integrity-protects all Kafka traffic. Clients still on port 9092
    must switch to the TLS listener before the change.
  EOT

  fix {
    title = "Require TLS for client and broker traffic"
    set {
      path  = "encryption_info.encryption_in_transit.client_broker"
      value = "TLS"
    }
    set {
      path  = "encryption_info.encryption_in_transit.in_cluster"
      value = true
    }
  }
}

rule "TM-AWS-EMR-PUBLIC-ACCESS-BLOCK-OFF" {
  title      = "EMR block public access is turned off"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:1.3.1", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_emr_block_public_access_configuration"]
  condition  = "get(r, 'block_public_security_group_rules', true) == false"
  location   = "block_public_security_group_rules"
  message    = "EMR clusters in this region may launch with security groups open to the internet."
  remediation = "Set block_public_security_group_rules = true and list only the ports that must be public in permitted_public_security_group_rule_range."
  description = <<-EOT
    EMR's account-level block public access stops clusters from starting when a
    security group allows inbound traffic from `0.0.0.0/0` or `::/0` on any port
    other than the permitted ones (22 by default). Turned off, a cluster can launch
    with YARN, Spark, Livy or Jupyter web interfaces reachable from the internet;
    these run arbitrary code for anyone who connects, and are scanned for
    continuously. Keeping the block on turns that mistake into a failed launch.
  EOT

  fix {
    title = "Turn EMR block public access back on"
    set {
      path  = "block_public_security_group_rules"
      value = true
    }
  }
}

rule "TM-AWS-DMS-PUBLIC" {
  title      = "DMS replication instance is publicly accessible"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:1.3.1", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_dms_replication_instance"]
  condition  = "get(r, 'publicly_accessible', false) == true"
  location   = "publicly_accessible"
  message    = "The replication instance has a public IP address."
  remediation = "Set publicly_accessible = false and reach the source and target databases through the VPC, VPN or Direct Connect."
  equivalents {
    checkov = ["CKV_AWS_89"]
  }
  description = <<-EOT
    A DMS replication instance holds credentials for, and network paths to, both the
    source and the target database, and streams their full contents. A public IP
    exposes it to the internet, where a single permissive security group rule is
    enough to reach it. Keeping it private confines it to the VPC and the networks
    connected to it.
  EOT

  fix {
    title = "Make the replication instance private"
    set {
      path  = "publicly_accessible"
      value = false
    }
  }
}

rule "TM-AWS-SAGEMAKER-NOTEBOOK-DIRECT-INTERNET" {
  title      = "SageMaker notebook has direct internet access"
  severity   = "medium"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-4", "dora:art9", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_sagemaker_notebook_instance"]
  condition  = "get(r, 'direct_internet_access', 'Enabled') == 'Enabled'"
  location   = "direct_internet_access"
  message    = "The notebook reaches the internet through a SageMaker-managed network, bypassing your VPC controls."
  remediation = "Place the notebook in a private subnet (subnet_id, security_groups) and set direct_internet_access = \"Disabled\"; reach the internet through a NAT gateway or proxy if needed."
  equivalents {
    checkov = ["CKV_AWS_122"]
  }
  description = <<-EOT
    By default a notebook instance gets a network interface in a SageMaker-managed
    VPC with direct internet access. Code run in the notebook, including packages
    installed from public registries, can then send training data and the
    notebook's role credentials anywhere, and none of your egress filtering, flow
    logs or VPC endpoints policies apply. With direct access disabled and the
    notebook in your own subnet, all traffic goes through your VPC's controls. The
    fix is offered when the notebook already has a `subnet_id`.
  EOT

  fix {
    title   = "Disable direct internet access"
    applies = "has(r.subnet_id)"
    set {
      path  = "direct_internet_access"
      value = "Disabled"
    }
  }
}

rule "TM-AWS-SAGEMAKER-NOTEBOOK-ROOT" {
  title      = "SageMaker notebook users have root access"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "tampering"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:7.2.1", "pci-dss-4.0:7.2.2", "nist-800-53-r5:AC-6", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_sagemaker_notebook_instance"]
  condition  = "get(r, 'root_access', 'Enabled') == 'Enabled'"
  location   = "root_access"
  message    = "Every notebook user can become root on the instance (root_access defaults to Enabled)."
  remediation = "Set root_access = \"Disabled\"; lifecycle configurations still run as root."
  equivalents {
    checkov = ["CKV_AWS_307"]
  }
  description = <<-EOT
    With root access a notebook user, or code they run, can change the instance's
    software, disable monitoring agents, read other users' files and tamper with
    the environment the next user trusts. Disabling root access keeps users to
    their own account; lifecycle configuration scripts still run as root, so
    system setup keeps working.
  EOT

  fix {
    title = "Disable root access"
    set {
      path  = "root_access"
      value = "Disabled"
    }
  }
}

rule "TM-AWS-SAGEMAKER-NOTEBOOK-KMS" {
  title      = "SageMaker notebook volume is not encrypted with a customer managed key"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["nist-800-53-r5:SC-12", "nist-800-53-r5:SC-28", "dora-rts-2024-1774:art7", "mas-trm-2021:10"]
  likelihood = 1
  impact     = 3
  resource   = ["aws_sagemaker_notebook_instance"]
  condition  = "!has(r.kms_key_id)"
  location   = "kms_key_id"
  message    = "The notebook's storage volume is encrypted with an AWS managed key."
  remediation = "Set kms_key_id to a customer managed KMS key (this replaces the notebook instance)."
  equivalents {
    checkov = ["CKV_AWS_22"]
  }
  description = <<-EOT
    Notebook volumes hold datasets pulled for exploration, model artefacts and
    often credentials saved in notebooks. With the AWS managed key, access to that
    data is governed only by SageMaker permissions; a customer managed key adds a
    key policy you control, a CloudTrail record of every use and the ability to cut
    off access by disabling the key. Low severity: the volume is encrypted either
    way.
  EOT

  fix {
    title        = "Encrypt the notebook volume with a new customer managed key"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      resource "aws_kms_key" "$${name}_notebook" {
        description         = "SageMaker notebook $${name}"
        enable_key_rotation = true
      }
    EOT
    set {
      path = "kms_key_id"
      expr = "aws_kms_key.$${name}_notebook.arn"
    }
  }
}
