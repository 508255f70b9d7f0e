# EC2 rules: instances, launch templates and launch configurations, EBS volumes.

rule "TM-AWS-EC2-IMDSV1" {
  title      = "EC2 instance allows IMDSv1"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-918"]
  compliance = ["pci-dss-4.0:2.2.1", "nist-800-53-r5:CM-6", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_instance"]
  applies    = "get(r, 'metadata_options.http_endpoint', 'enabled') != 'disabled' && (size(all_blocks(r, 'launch_template')) == 0 || size(all_blocks(r, 'metadata_options')) > 0)"
  condition  = "get(r, 'metadata_options.http_tokens', 'optional') != 'required'"
  location   = "metadata_options.http_tokens"
  message    = "The instance metadata service accepts IMDSv1 requests without a session token."
  remediation = "Set metadata_options { http_tokens = \"required\" } (IMDSv2 only)."
  equivalents {
    tfsec   = ["aws-ec2-enforce-http-token-imds"]
    trivy   = ["AVD-AWS-0028"]
    checkov = ["CKV_AWS_79"]
  }
  description = <<-EOT
    With IMDSv1 one server-side request forgery in any application on the instance
    (a URL fetcher, an image proxy, an XXE) can read the role's temporary credentials
    from `http://169.254.169.254/latest/meta-data/iam/security-credentials/`, as in
    the Capital One breach. IMDSv2 needs a PUT for a session token first, which SSRF
    primitives cannot send. Some AMIs (Amazon Linux 2023) default to IMDSv2; setting
    `http_tokens = "required"` makes that independent of the AMI. Instances launched
    from a template without their own `metadata_options` are left to the template rule.
  EOT

  fix {
    title = "Require IMDSv2 session tokens"
    set {
      path  = "metadata_options.http_tokens"
      value = "required"
    }
  }
}

rule "TM-AWS-EC2-LAUNCH-TEMPLATE-IMDSV1" {
  title      = "Launch template allows IMDSv1"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-918"]
  compliance = ["pci-dss-4.0:2.2.1", "nist-800-53-r5:CM-6", "nist-800-53-r5:CM-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_launch_template", "aws_launch_configuration"]
  applies    = "get(r, 'metadata_options.http_endpoint', 'enabled') != 'disabled'"
  condition  = "get(r, 'metadata_options.http_tokens', 'optional') != 'required'"
  location   = "metadata_options.http_tokens"
  message    = "Instances launched from this template accept IMDSv1 requests without a session token."
  remediation = "Set metadata_options { http_tokens = \"required\" } in the launch template."
  equivalents {
    tfsec   = ["aws-ec2-enforce-launch-config-http-token-imds", "aws-autoscaling-enforce-http-token-imds"]
    trivy   = ["AVD-AWS-0130"]
    checkov = ["CKV_AWS_79"]
  }
  description = <<-EOT
    Every instance an Auto Scaling group or node group launches from this template
    inherits IMDSv1, so one SSRF in any workload on those nodes (including a container
    on an EKS node) can read the node role's credentials from
    `169.254.169.254`. Requiring session tokens (IMDSv2) in the template protects every
    instance it launches, whatever default the AMI carries.
  EOT

  fix {
    title = "Require IMDSv2 session tokens"
    set {
      path  = "metadata_options.http_tokens"
      value = "required"
    }
  }
}

rule "TM-AWS-EC2-EBS-ENCRYPTION" {
  title      = "EBS volume is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "cis-aws-1.4:2.2.1", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_ebs_volume"]
  condition  = "!get(r, 'encrypted', false) && !related('aws_ebs_encryption_by_default').exists(d, get(d, 'enabled', true))"
  location   = "encrypted"
  message    = "The EBS volume is not encrypted at rest."
  remediation = "Set encrypted = true (optionally with kms_key_id), or enable aws_ebs_encryption_by_default for the account."
  equivalents {
    tfsec   = ["aws-ebs-enable-volume-encryption"]
    trivy   = ["AVD-AWS-0026"]
    checkov = ["CKV_AWS_3"]
  }
  description = <<-EOT
    An unencrypted volume's snapshots are unencrypted too, and snapshots are easy to
    share by mistake (or on purpose, by an attacker with `ec2:ModifySnapshotAttribute`)
    with another account or the public, where the whole disk can be mounted and read.
    With encryption a copy is useless without `kms:Decrypt` on the key. An enabled
    `aws_ebs_encryption_by_default` in the same root module covers the volume. If the
    account enables it elsewhere, suppress this rule with that reason.
  EOT

  fix {
    title = "Encrypt the volume"
    set {
      path  = "encrypted"
      value = true
    }
  }
}

rule "TM-AWS-EC2-INSTANCE-DISK-ENCRYPTION" {
  title      = "EC2 instance block device is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "cis-aws-1.4:2.2.1", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_instance"]
  applies    = "size(all_blocks(r, 'launch_template')) == 0 || size(all_blocks(r, 'root_block_device')) + size(all_blocks(r, 'ebs_block_device')) > 0"
  condition  = "!related('aws_ebs_encryption_by_default').exists(d, get(d, 'enabled', true)) && (!get(r, 'root_block_device.encrypted', false) || all_blocks(r, 'ebs_block_device').exists(b, !get(b, 'encrypted', false)))"
  location   = "root_block_device.encrypted"
  message    = "The instance's root or EBS block device is not encrypted."
  remediation = "Set encrypted = true in root_block_device and in every ebs_block_device."
  equivalents {
    tfsec   = ["aws-ec2-enable-at-rest-encryption"]
    trivy   = ["AVD-AWS-0131"]
    checkov = ["CKV_AWS_8"]
  }
  description = <<-EOT
    Unless `root_block_device { encrypted = true }` is set (or the AMI or the account
    default encrypts: an enabled `aws_ebs_encryption_by_default` in the same root
    module counts), the root volume and its snapshots are stored unencrypted. A
    snapshot shared with the wrong account, or copied by someone with snapshot
    permissions, exposes the full disk: application secrets, keys and data. Encrypting
    every block device makes such copies unreadable without the KMS key.
  EOT

  fix {
    title   = "Encrypt the root volume"
    applies = "!all_blocks(r, 'ebs_block_device').exists(b, !get(b, 'encrypted', false))"
    set {
      path  = "root_block_device.encrypted"
      value = true
    }
  }
  fix {
    title   = "Encrypt the root and data volumes"
    applies = "size(all_blocks(r, 'ebs_block_device')) == 1"
    set {
      path  = "root_block_device.encrypted"
      value = true
    }
    set {
      path  = "ebs_block_device.0.encrypted"
      value = true
    }
  }
}

rule "TM-AWS-EC2-LAUNCH-TEMPLATE-DISK-ENCRYPTION" {
  title      = "Launch template block device is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "cis-aws-1.4:2.2.1", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_launch_template", "aws_launch_configuration"]
  condition  = "!related('aws_ebs_encryption_by_default').exists(d, get(d, 'enabled', true)) && (res.type == 'aws_launch_template' ? all_blocks(r, 'block_device_mappings.ebs').exists(e, !(get(e, 'encrypted', false) in [true, 'true'])) : (all_blocks(r, 'root_block_device').exists(b, !get(b, 'encrypted', false)) || all_blocks(r, 'ebs_block_device').exists(b, !get(b, 'encrypted', false))))"
  location   = "block_device_mappings"
  message    = "A block device declared in the launch template is not encrypted."
  remediation = "Set encrypted = true on every EBS block device mapping."
  equivalents {
    tfsec   = ["aws-ec2-enable-launch-config-at-rest-encryption"]
    trivy   = ["AVD-AWS-0008"]
    checkov = ["CKV_AWS_8"]
  }
  description = <<-EOT
    Every instance launched from this template gets an unencrypted volume, and every
    snapshot taken of it is unencrypted: a snapshot shared with the wrong account, or
    copied by someone with snapshot permissions, exposes the disk contents. Setting
    `encrypted = "true"` on each `block_device_mappings.ebs` (or `encrypted = true`
    on launch configuration devices) encrypts them with KMS, as does an enabled
    `aws_ebs_encryption_by_default` in the same root module. Only mappings the
    template declares are checked; volumes taken from the AMI follow the AMI.
  EOT

  fix {
    title   = "Encrypt the block device"
    applies = "res.type == 'aws_launch_template' && size(all_blocks(r, 'block_device_mappings')) == 1"
    set {
      path  = "block_device_mappings.ebs.encrypted"
      value = true
    }
  }
}

rule "TM-AWS-EC2-USERDATA-SECRETS" {
  title      = "EC2 instance user data contains a secret"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_instance"]
  condition  = "looks_secret(get(r, 'user_data', '')) || (has(r.user_data_base64) && looks_secret(b64decode(r.user_data_base64)))"
  location   = "user_data"
  message    = "The user data holds what looks like a credential (an access key, password or private key)."
  remediation = "Remove the secret; give the instance an IAM instance profile and read secrets from Secrets Manager or SSM Parameter Store at boot."
  equivalents {
    tfsec   = ["aws-ec2-no-secrets-in-user-data"]
    trivy   = ["AVD-AWS-0029"]
    checkov = ["CKV_AWS_46"]
  }
  description = <<-EOT
    User data is not secret: anyone with `ec2:DescribeInstanceAttribute`, any process
    on the instance (via the metadata service, so any SSRF too) and the Terraform state
    can read it, and it is kept in version control with the code. A credential placed
    there is effectively shared with all of them. An instance profile gives the
    instance temporary credentials instead, and secrets fetched at boot from Secrets
    Manager or SSM stay under IAM control and rotation.
  EOT
}

rule "TM-AWS-EC2-LAUNCH-TEMPLATE-USERDATA-SECRETS" {
  title      = "Launch template user data contains a secret"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_launch_template", "aws_launch_configuration"]
  condition  = "res.type == 'aws_launch_template' ? (has(r.user_data) && looks_secret(b64decode(r.user_data))) : (looks_secret(get(r, 'user_data', '')) || (has(r.user_data_base64) && looks_secret(b64decode(r.user_data_base64))))"
  location   = "user_data"
  message    = "The (decoded) user data holds what looks like a credential."
  remediation = "Remove the secret; use an IAM instance profile and fetch secrets from Secrets Manager or SSM Parameter Store at boot."
  equivalents {
    tfsec   = ["aws-ec2-no-secrets-in-launch-template-user-data"]
    trivy   = ["AVD-AWS-0129"]
    checkov = ["CKV_AWS_46"]
  }
  description = <<-EOT
    Launch template user data is only base64-encoded, not protected: anyone who can
    describe launch template versions, every instance launched from it (through the
    metadata service, so any SSRF as well) and the Terraform state can decode it. A
    credential placed there is shared with all of them and survives in every template
    version. Instance profiles and secrets fetched at boot from Secrets Manager or SSM
    keep credentials under IAM control.
  EOT
}

rule "TM-AWS-EC2-PUBLIC-IP" {
  title      = "EC2 instance gets a public IP address"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_instance", "aws_launch_template", "aws_launch_configuration"]
  condition  = "res.type == 'aws_launch_template' ? all_blocks(r, 'network_interfaces').exists(n, get(n, 'associate_public_ip_address', false) in [true, 'true']) : get(r, 'associate_public_ip_address', false) == true"
  location   = "associate_public_ip_address"
  message    = "associate_public_ip_address makes the instance directly reachable from the internet."
  remediation = "Set associate_public_ip_address = false and reach the instance through a load balancer, NAT gateway or SSM."
  equivalents {
    tfsec   = ["aws-ec2-no-public-ip"]
    trivy   = ["AVD-AWS-0009"]
    checkov = ["CKV_AWS_88"]
  }
  description = <<-EOT
    A public address makes the instance's only barrier its security group; any port a
    rule opens by mistake is then reachable by internet-wide scanners. Instances behind
    a load balancer or NAT gateway keep private addresses, so a security-group mistake
    alone does not expose them, and administration goes through SSM Session Manager.
  EOT

  fix {
    title   = "Do not associate a public IP address"
    applies = "res.type != 'aws_launch_template'"
    set {
      path  = "associate_public_ip_address"
      value = false
    }
  }
  fix {
    title   = "Do not associate a public IP address"
    applies = "res.type == 'aws_launch_template' && size(all_blocks(r, 'network_interfaces')) == 1"
    set {
      path  = "network_interfaces.associate_public_ip_address"
      value = false
    }
  }
}

rule "TM-AWS-EC2-EBS-DEFAULT-ENCRYPTION-OFF" {
  title      = "EBS encryption by default is turned off"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "cis-aws-1.4:2.2.1", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_ebs_encryption_by_default"]
  condition  = "get(r, 'enabled', true) == false"
  location   = "enabled"
  message    = "enabled = false: new EBS volumes in this region are not encrypted unless each one asks."
  remediation = "Set enabled = true."
  equivalents {
    checkov = ["CKV_AWS_106"]
  }
  description = <<-EOT
    Encryption by default makes every new volume and snapshot copy in the region
    encrypted, whatever the launching tool or template says. Turning it off means
    each volume depends on its own configuration, and the ones that forget (a
    console launch, an old AMI, a third-party module) are stored in clear.
  EOT

  fix {
    title = "Turn on EBS encryption by default"
    set {
      path  = "enabled"
      value = true
    }
  }
}

rule "TM-AWS-EC2-EBS-SNAPSHOT-ENCRYPTION" {
  title      = "EBS snapshot is not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_ebs_snapshot", "aws_ebs_snapshot_copy"]
  # A snapshot is encrypted when its volume is: judged only where the volume is in
  # the same root module. A copy says so itself.
  applies    = "res.type == 'aws_ebs_snapshot_copy' || size(related('aws_ebs_volume')) > 0"
  condition  = "!related('aws_ebs_encryption_by_default').exists(d, get(d, 'enabled', true)) && (res.type == 'aws_ebs_snapshot_copy' ? !get(r, 'encrypted', false) : related('aws_ebs_volume').exists(v, !get(v, 'encrypted', false)))"
  location   = "volume_id"
  message    = "The snapshot holds an unencrypted copy of the disk."
  remediation = "Encrypt the source volume (encrypted = true) or copy the snapshot with aws_ebs_snapshot_copy and encrypted = true; then delete the unencrypted snapshot."
  equivalents {
    checkov = ["CKV_AWS_3"]
  }
  description = <<-EOT
    A snapshot of an unencrypted volume is itself unencrypted, and snapshots are the
    easiest way to move a whole disk: one `ec2:ModifySnapshotAttribute` call shares
    it with another account, or with everyone. Encrypted snapshots can only be used
    by principals allowed to decrypt with the KMS key. An enabled
    `aws_ebs_encryption_by_default` in the same root module counts.
  EOT

  fix {
    title   = "Encrypt the snapshot copy"
    applies = "res.type == 'aws_ebs_snapshot_copy'"
    set {
      path  = "encrypted"
      value = true
    }
  }
}
