# Container platform rules: EKS and ECR.

rule "TM-AWS-EKS-PUBLIC-ENDPOINT" {
  title      = "EKS API endpoint is open to the internet"
  severity   = "high"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 5
  resource   = ["aws_eks_cluster"]
  condition  = "get(r, 'vpc_config.endpoint_public_access', true) == true && any_public(get(r, 'vpc_config.public_access_cidrs', ['0.0.0.0/0']))"
  location   = "vpc_config.endpoint_public_access"
  message    = "The Kubernetes API server accepts connections from any internet address."
  remediation = "Set vpc_config { endpoint_private_access = true, endpoint_public_access = false }, or restrict public_access_cidrs to your egress ranges."
  equivalents {
    tfsec   = ["aws-eks-no-public-cluster-access", "aws-eks-no-public-cluster-access-to-cidr"]
    trivy   = ["AVD-AWS-0040", "AVD-AWS-0041"]
    checkov = ["CKV_AWS_39", "CKV_AWS_38"]
  }
  description = <<-EOT
    By default the EKS control-plane endpoint is public and open to `0.0.0.0/0`. The
    API server is then one leaked kubeconfig token, one over-privileged
    `system:anonymous` binding or one API server vulnerability away from cluster
    takeover, by anyone on the internet. A private endpoint (reached over VPN or from
    inside the VPC), or a public one limited to known CIDRs, removes the internet as an
    attack surface.
  EOT

  fix {
    title = "Make the API endpoint private"
    set {
      path  = "vpc_config.endpoint_private_access"
      value = true
    }
    set {
      path  = "vpc_config.endpoint_public_access"
      value = false
    }
  }
}

rule "TM-AWS-EKS-SECRETS-ENCRYPTION" {
  title      = "EKS secrets are not encrypted with a customer managed key"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["nist-800-53-r5:SC-28", "nist-800-53-r5:SC-12", "dora-rts-2024-1774:art7", "mas-trm-2021:10"]
  likelihood = 1
  impact     = 4
  resource   = ["aws_eks_cluster"]
  condition  = "!all_blocks(r, 'encryption_config').exists(e, 'secrets' in get(e, 'resources', []))"
  location   = "encryption_config"
  message    = "No encryption_config envelope-encrypts Kubernetes secrets with your KMS key."
  remediation = "Add encryption_config { resources = [\"secrets\"], provider { key_arn = aws_kms_key.eks.arn } }."
  equivalents {
    tfsec   = ["aws-eks-encrypt-secrets"]
    trivy   = ["AVD-AWS-0039"]
    checkov = ["CKV_AWS_58"]
  }
  description = <<-EOT
    Kubernetes secrets (service-account tokens, database passwords, TLS keys) live in
    etcd. Recent EKS versions envelope-encrypt them with an AWS owned key, but only a
    customer managed key lets you restrict and audit decryption and revoke it in an
    incident; older clusters without `encryption_config` store them with disk
    encryption only. Envelope encryption with your KMS key ties every secret read to a
    key policy you control.
  EOT

  fix {
    title        = "Encrypt secrets with a new KMS key"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      resource "aws_kms_key" "$${name}_eks" {
        description         = "EKS secrets encryption for $${name}"
        enable_key_rotation = true
      }
    EOT
    set {
      path  = "encryption_config.resources"
      value = ["secrets"]
    }
    set {
      path = "encryption_config.provider.key_arn"
      expr = "aws_kms_key.$${name}_eks.arn"
    }
  }
}

rule "TM-AWS-ECR-SCAN-ON-PUSH" {
  title      = "ECR repository does not scan images on push"
  severity   = "medium"
  stride     = ["tampering", "elevation-of-privilege"]
  cwe        = ["CWE-1395"]
  compliance = ["pci-dss-4.0:6.3.1", "nist-800-53-r5:RA-5", "nist-800-53-r5:SI-2", "dora:art9", "mas-trm-2021:13"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_ecr_repository"]
  condition  = "!get(r, 'image_scanning_configuration.scan_on_push', false)"
  location   = "image_scanning_configuration"
  message    = "Images pushed to this repository are not scanned for known vulnerabilities."
  remediation = "Set image_scanning_configuration { scan_on_push = true } (or enable enhanced scanning for the registry)."
  equivalents {
    tfsec   = ["aws-ecr-enable-image-scans"]
    trivy   = ["AVD-AWS-0030"]
    checkov = ["CKV_AWS_163"]
  }
  description = <<-EOT
    Without scanning, images with known exploitable vulnerabilities (an old OpenSSL,
    a vulnerable log4j) are deployed without anyone noticing, giving attackers a ready
    exploit against the running service. Scanning on push reports CVEs in every new
    image, so vulnerable images can be blocked in CI. If registry-wide enhanced
    scanning (aws_ecr_registry_scanning_configuration) is on, suppress with that reason.
  EOT

  fix {
    title = "Scan images on push"
    set {
      path  = "image_scanning_configuration.scan_on_push"
      value = true
    }
  }
}

rule "TM-AWS-ECR-TAG-IMMUTABILITY" {
  title      = "ECR image tags are mutable"
  severity   = "medium"
  stride     = ["tampering"]
  cwe        = ["CWE-494"]
  compliance = ["nist-800-53-r5:CM-6", "nist-800-53-r5:SI-7", "dora:art9", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_ecr_repository"]
  condition  = "get(r, 'image_tag_mutability', 'MUTABLE') == 'MUTABLE'"
  location   = "image_tag_mutability"
  message    = "A pushed tag can be overwritten with a different image."
  remediation = "Set image_tag_mutability = \"IMMUTABLE\" and deploy by immutable tags (or digests)."
  equivalents {
    tfsec   = ["aws-ecr-enforce-immutable-repository"]
    trivy   = ["AVD-AWS-0031"]
    checkov = ["CKV_AWS_51"]
  }
  description = <<-EOT
    With mutable tags, anyone who can push (a compromised CI token, a developer's
    leaked credentials) can replace `app:1.4.2` with a backdoored image; every
    deployment, scale-out or node replacement that pulls the tag then runs the
    attacker's code, while manifests and audits still show the trusted tag. Immutable
    tags make a published tag always mean the same image.
  EOT

  fix {
    title = "Make tags immutable"
    set {
      path  = "image_tag_mutability"
      value = "IMMUTABLE"
    }
  }
}

rule "TM-AWS-EKS-CONTROL-PLANE-LOGGING" {
  title      = "EKS control-plane audit logging is incomplete"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_eks_cluster"]
  condition  = "!['api', 'audit', 'authenticator'].all(t, t in get(r, 'enabled_cluster_log_types', []))"
  location   = "enabled_cluster_log_types"
  message    = "The api, audit and authenticator control-plane logs are not all enabled."
  remediation = "Set enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]."
  equivalents {
    tfsec   = ["aws-eks-enable-control-plane-logging"]
    trivy   = ["AVD-AWS-0038"]
    checkov = ["CKV_AWS_37"]
  }
  description = <<-EOT
    EKS ships no control-plane logs by default. Without the audit and authenticator
    logs, nobody can tell who read secrets, created privileged pods or bound
    cluster-admin, or which IAM identity was behind a request: an attacker inside the
    cluster leaves no trail. Enabling the api, audit and authenticator logs sends them
    to CloudWatch Logs for detection and investigation.
  EOT

  fix {
    title = "Enable all control-plane log types"
    set {
      path  = "enabled_cluster_log_types"
      value = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
    }
  }
}

rule "TM-AWS-ECR-POLICY-PUBLIC" {
  title      = "ECR repository policy allows anyone"
  severity   = "high"
  stride     = ["tampering", "information-disclosure"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_ecr_repository_policy"]
  condition  = "res.type in ['aws_sqs_queue_policy', 'aws_sns_topic_policy', 'aws_ecr_repository_policy', 'aws_kms_key_policy'] && size(related('aws_iam_policy_document')) > 0 ? related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', [])))) : (statements(get(r, 'policy', '')).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && s.Principal.exists(k, '*' in s.Principal[k])) || (res.type == 'aws_kms_key' && related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', []))))))"
  location   = "policy"
  message    = "A repository policy statement allows Principal \"*\" without any condition."
  remediation = "Name the accounts or roles that may pull (and push), or restrict with aws:PrincipalOrgID."
  equivalents {
    tfsec   = ["aws-ecr-no-public-access"]
    trivy   = ["AVD-AWS-0032"]
    checkov = ["CKV_AWS_32"]
  }
  description = <<-EOT
    A repository policy granting `*` lets any AWS account pull your images (and
    whatever secrets or proprietary code are baked in) and, if push actions are
    included, replace them with backdoored images that your services then run.
    Restricting the policy to your accounts or organisation closes both paths.
  EOT
}

rule "TM-AWS-ECR-KMS" {
  title      = "ECR repository is not encrypted with KMS"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["nist-800-53-r5:SC-28", "nist-800-53-r5:SC-12", "dora-rts-2024-1774:art7", "mas-trm-2021:10"]
  likelihood = 1
  impact     = 3
  resource   = ["aws_ecr_repository"]
  condition  = "get(r, 'encryption_configuration.encryption_type', 'AES256') == 'AES256'"
  location   = "encryption_configuration"
  message    = "Images are encrypted with S3-managed AES256 keys: no key policy or key audit trail of your own."
  remediation = "Add encryption_configuration { encryption_type = \"KMS\", kms_key = aws_kms_key.ecr.arn } (this replaces the repository)."
  equivalents {
    tfsec   = ["aws-ecr-repository-customer-key"]
    trivy   = ["AVD-AWS-0033"]
    checkov = ["CKV_AWS_136"]
  }
  description = <<-EOT
    Images often contain application code, embedded configuration and sometimes
    secrets. With the default AES256 encryption, anyone granted ECR pull rights can
    read them, and there is no separate key whose policy, CloudTrail record or
    revocation you control. KMS encryption makes every layer download also require
    the key. The encryption type can only be set when the repository is created, so
    the change replaces it: push the images again (or use `force_delete`) before
    applying. Low severity: images are encrypted either way.
  EOT

  fix {
    title = "Encrypt the repository with KMS"
    set {
      path  = "encryption_configuration.encryption_type"
      value = "KMS"
    }
  }
}

rule "TM-AWS-ECS-EFS-TRANSIT" {
  title      = "ECS task mounts EFS without encryption in transit"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_ecs_task_definition"]
  condition  = "all_blocks(r, 'volume.efs_volume_configuration').exists(e, get(e, 'transit_encryption', 'DISABLED') != 'ENABLED')"
  location   = "volume"
  message    = "An EFS volume of this task is mounted over unencrypted NFS."
  remediation = "Set efs_volume_configuration { transit_encryption = \"ENABLED\" } on every EFS volume (and authorization_config { iam = \"ENABLED\" } to use the task role)."
  equivalents {
    tfsec   = ["aws-ecs-enable-in-transit-encryption"]
    trivy   = ["AVD-AWS-0035"]
    checkov = ["CKV_AWS_97"]
  }
  description = <<-EOT
    Without transit encryption the task mounts the file system over plain NFS: file
    contents, and any secrets or uploads stored there, cross the network in clear,
    and a host that can see the traffic can read or alter them. With
    `transit_encryption = "ENABLED"` the mount uses TLS, which also allows IAM
    authorization with the task role. The fix is offered for tasks with a single
    volume.
  EOT

  fix {
    title   = "Encrypt the EFS mount in transit"
    applies = "size(all_blocks(r, 'volume')) == 1"
    set {
      path  = "volume.efs_volume_configuration.transit_encryption"
      value = "ENABLED"
    }
  }
}

rule "TM-AWS-ECS-CONTAINER-INSIGHTS" {
  title      = "ECS cluster has Container Insights off"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:SI-4", "nist-800-53-r5:AU-12", "dora:art10"]
  likelihood = 2
  impact     = 2
  resource   = ["aws_ecs_cluster"]
  condition  = "!all_blocks(r, 'setting').exists(s, get(s, 'name', '') == 'containerInsights' && get(s, 'value', '') in ['enabled', 'enhanced'])"
  location   = "setting"
  message    = "Task and container metrics (CPU, memory, network, restarts) are not collected for this cluster."
  remediation = "Add setting { name = \"containerInsights\", value = \"enabled\" }."
  equivalents {
    tfsec   = ["aws-ecs-enable-container-insight"]
    trivy   = ["AVD-AWS-0034"]
    checkov = ["CKV_AWS_65"]
  }
  description = <<-EOT
    Container Insights records per-task and per-container CPU, memory, network
    and restart metrics. Without it, a compromised task mining crypto-currency,
    a container exfiltrating data at high network throughput or a crash loop
    caused by an exploit attempt shows only as cluster-level averages, if at all.
    Low severity: it supports detection, it does not prevent anything.
  EOT

  fix {
    title   = "Enable Container Insights"
    applies = "size(all_blocks(r, 'setting')) == 0"
    set {
      path  = "setting.name"
      value = "containerInsights"
    }
    set {
      path  = "setting.value"
      value = "enabled"
    }
  }
  fix {
    title   = "Enable Container Insights"
    applies = "size(all_blocks(r, 'setting')) == 1 && get(r, 'setting.name', '') == 'containerInsights'"
    set {
      path  = "setting.value"
      value = "enabled"
    }
  }
}

rule "TM-AWS-ECS-ENV-SECRETS" {
  title      = "ECS container environment holds a secret"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-798"]
  compliance = ["pci-dss-4.0:8.6.2", "nist-800-53-r5:IA-5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_ecs_task_definition"]
  condition  = "json(get(r, 'container_definitions', '[]')).exists(c, get(c, 'environment', []).exists(e, !string(get(e, 'name', '')).matches('(?i)(_arn|_name|_path|_param|_parameter|_url)$') && (looks_secret(string(get(e, 'name', '')) + '=' + string(get(e, 'value', ''))) || (string(get(e, 'name', '')).matches('(?i)(passw(or)?d|secret|token|api_?key|private_?key|credential)') && !string(get(e, 'name', '')).matches('(?i)(_id|_version)$') && size(string(get(e, 'value', ''))) >= 8 && !string(get(e, 'value', '')).startsWith('arn:')))))"
  location   = "container_definitions"
  message    = "A container's environment variable looks like a literal credential."
  remediation = "Move the value to Secrets Manager or SSM Parameter Store and reference it in the container's secrets list ({ name, valueFrom = <secret ARN> })."
  equivalents {
    tfsec   = ["aws-ecs-no-plaintext-secrets"]
    trivy   = ["AVD-AWS-0036"]
  }
  description = <<-EOT
    `environment` values are part of the task definition: anyone with
    `ecs:DescribeTaskDefinition` (read-only roles usually have it) can read them,
    every revision keeps them forever, and they sit in Terraform state and version
    control. A database password or API key placed there leaks through all of those.
    The `secrets` list instead names a Secrets Manager secret or SSM parameter that
    the ECS agent resolves at start-up with the task execution role, so the value is
    never stored in the definition and can be rotated. Variables whose names end in
    `_ARN`, `_NAME`, `_PATH`, `_PARAM(ETER)` or `_URL` are taken to name a secret,
    not hold one.
  EOT
}

rule "TM-AWS-EKS-NODE-GROUP-SSH-OPEN" {
  title      = "EKS node group opens SSH to the internet"
  severity   = "high"
  stride     = ["elevation-of-privilege", "information-disclosure"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:2.2.7", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_eks_node_group"]
  condition  = "size(all_blocks(r, 'remote_access')) > 0 && size(get(r, 'remote_access.source_security_group_ids', [])) == 0"
  location   = "remote_access"
  message    = "remote_access without source_security_group_ids opens port 22 on every node to 0.0.0.0/0."
  remediation = "Set remote_access { source_security_group_ids = [<bastion security group>] }, or drop remote_access and use SSM Session Manager."
  equivalents {
    checkov = ["CKV_AWS_100"]
  }
  description = <<-EOT
    When a managed node group has `remote_access` with an SSH key but no source
    security groups, EKS adds a rule allowing SSH from anywhere to every worker
    node. Nodes then face continuous brute-force and exploit attempts, and a leaked
    key gives a shell on a node, with its instance role and access to every pod's
    secrets on it. Naming the security groups allowed to connect (a bastion), or
    removing SSH in favour of Session Manager, closes the port to the internet.
  EOT
}
