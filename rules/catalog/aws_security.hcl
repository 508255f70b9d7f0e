# Identity, detection and secrets: IAM password policy, Cognito, GuardDuty, SSM
# parameters, WorkSpaces and CodeBuild.

rule "TM-AWS-IAM-PASSWORD-MIN-LENGTH" {
  title      = "IAM password policy allows short passwords"
  severity   = "medium"
  stride     = ["spoofing"]
  cwe        = ["CWE-521"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-5", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_iam_account_password_policy"]
  condition  = "get(r, 'minimum_password_length', 6) < 14"
  location   = "minimum_password_length"
  message    = "IAM user console passwords may be shorter than 14 characters."
  remediation = "Set minimum_password_length = 14 (or more)."
  equivalents {
    tfsec   = ["aws-iam-set-minimum-password-length"]
    trivy   = ["AVD-AWS-0063"]
    checkov = ["CKV_AWS_10"]
  }
  description = <<-EOT
    Short passwords fall to online guessing and, once a hash or a reused password
    leaks elsewhere, to offline cracking in minutes. IAM users with console access
    protect the whole account, so a guessed password is an account takeover unless
    MFA stops it. Requiring at least 14 characters (CIS AWS Foundations) puts
    passwords out of reach of practical brute force.
  EOT

  fix {
    title = "Require passwords of at least 14 characters"
    set {
      path  = "minimum_password_length"
      value = 14
    }
  }
}

rule "TM-AWS-IAM-PASSWORD-REUSE" {
  title      = "IAM password policy allows password reuse"
  severity   = "low"
  stride     = ["spoofing"]
  cwe        = ["CWE-521"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-5", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_iam_account_password_policy"]
  condition  = "get(r, 'password_reuse_prevention', 0) < 24"
  location   = "password_reuse_prevention"
  message    = "IAM users may reuse one of their last 24 passwords."
  remediation = "Set password_reuse_prevention = 24."
  equivalents {
    tfsec   = ["aws-iam-no-password-reuse"]
    trivy   = ["AVD-AWS-0056"]
    checkov = ["CKV_AWS_13"]
  }
  description = <<-EOT
    When a password is changed because it may have leaked, reuse prevention is what
    stops the user from setting it straight back, or cycling between two known
    values. An attacker holding an old password then regains access after every
    reset. Remembering the last 24 passwords makes a forced change effective.
  EOT

  fix {
    title = "Prevent reuse of the last 24 passwords"
    set {
      path  = "password_reuse_prevention"
      value = 24
    }
  }
}

rule "TM-AWS-COGNITO-MFA-OFF" {
  title      = "Cognito user pool does not offer MFA"
  severity   = "medium"
  stride     = ["spoofing"]
  cwe        = ["CWE-308"]
  compliance = ["pci-dss-4.0:8.4.2", "nist-800-53-r5:IA-2", "dora:art9", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_cognito_user_pool"]
  condition  = "get(r, 'mfa_configuration', 'OFF') == 'OFF'"
  location   = "mfa_configuration"
  message    = "Users of this pool sign in with a password alone (mfa_configuration is OFF)."
  remediation = "Set mfa_configuration = \"ON\" (or \"OPTIONAL\" during a rollout) with software_token_mfa_configuration { enabled = true }."
  description = <<-EOT
    With MFA off, a user's password is the only factor: credential stuffing with
    passwords leaked from other sites, phishing and guessing all lead straight to the
    account and to whatever the application's tokens allow. Requiring a second
    factor (a TOTP app) means a stolen password alone no longer signs in. Existing
    users are asked to register a factor at their next sign-in.
  EOT

  fix {
    title = "Require TOTP multi-factor authentication"
    set {
      path  = "mfa_configuration"
      value = "ON"
    }
    set {
      path  = "software_token_mfa_configuration.enabled"
      value = true
    }
  }
}

rule "TM-AWS-GUARDDUTY-DISABLED" {
  title      = "GuardDuty detector is disabled"
  severity   = "medium"
  stride     = ["repudiation", "elevation-of-privilege"]
  cwe        = ["CWE-778"]
  compliance = ["nist-800-53-r5:SI-4", "nist-800-53-r5:IR-4", "dora:art10", "osfi-b13:3.4", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_guardduty_detector"]
  condition  = "get(r, 'enable', true) == false"
  location   = "enable"
  message    = "The detector exists but is switched off: no threat findings are produced in this region."
  remediation = "Set enable = true."
  equivalents {
    checkov = ["CKV2_AWS_3"]
  }
  description = <<-EOT
    GuardDuty analyses CloudTrail, VPC flow logs and DNS queries for compromised
    credentials, crypto-mining, reconnaissance and data exfiltration. A disabled
    detector produces nothing, so an attacker using stolen keys or a compromised
    instance goes unnoticed until the damage shows elsewhere. Enabling it restores
    those findings; disabling GuardDuty is itself a common attacker step, which is
    why it should be on in code.
  EOT

  fix {
    title = "Enable the detector"
    set {
      path  = "enable"
      value = true
    }
  }
}

rule "TM-AWS-SSM-PARAMETER-SECRET-PLAINTEXT" {
  title      = "SSM parameter with a secret-like name is not a SecureString"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-312"]
  compliance = ["pci-dss-4.0:3.5.1", "pci-dss-4.0:8.3.1", "nist-800-53-r5:SC-28", "nist-800-53-r5:IA-5", "dora:art9", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_ssm_parameter"]
  condition  = "get(r, 'type', 'String') != 'SecureString' && lower(get(r, 'name', '')).matches('(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)') && !lower(get(r, 'name', '')).matches('(arn|name|_id|-id|url|endpoint|length)$')"
  location   = "type"
  message    = "The parameter's name says it holds a secret, but it is stored as a plain String."
  remediation = "Set type = \"SecureString\" (with key_id for a customer managed key) and supply the value from outside the configuration."
  equivalents {
    checkov = ["CKV2_AWS_34"]
  }
  description = <<-EOT
    A `String` parameter is stored unencrypted and is returned in clear to anyone with
    `ssm:GetParameter` or `ssm:GetParametersByPath` on its path, including read-only
    and auditing roles that were never meant to see credentials, and it shows in the
    console and in `aws ssm` listings. A `SecureString` is encrypted with KMS, so
    reading it also requires `kms:Decrypt` on the key. The rule looks for names
    containing password, secret, token, api key, private key or credential, and
    skips names that end in a reference (`_arn`, `_name`, `_id`, `_url`, …).
  EOT

  fix {
    title   = "Store the parameter as a SecureString"
    applies = "!has(r.insecure_value)"
    set {
      path  = "type"
      value = "SecureString"
    }
  }
}

rule "TM-AWS-WORKSPACES-VOLUME-ENCRYPTION" {
  title      = "WorkSpaces volumes are not encrypted"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_workspaces_workspace"]
  condition  = "!get(r, 'root_volume_encryption_enabled', false) || !get(r, 'user_volume_encryption_enabled', false)"
  location   = "user_volume_encryption_enabled"
  message    = "The WorkSpace's root or user volume (the user's desktop and files) is stored unencrypted."
  remediation = "Set root_volume_encryption_enabled = true, user_volume_encryption_enabled = true and volume_encryption_key (this replaces the WorkSpace)."
  equivalents {
    tfsec   = ["aws-workspaces-enable-disk-encryption"]
    trivy   = ["AVD-AWS-0109"]
    checkov = ["CKV_AWS_155", "CKV_AWS_156"]
  }
  description = <<-EOT
    A WorkSpace's user volume holds the user's profile, downloads, cached mail and
    browser credentials; the root volume holds the system and installed software.
    Unencrypted, their snapshots and backing storage can be read by anyone who
    obtains them. With encryption both volumes and their snapshots need the KMS
    key. Encryption can only be chosen when the WorkSpace is created, so the change
    rebuilds it (the user volume is restored from its latest snapshot).
  EOT

  fix {
    title   = "Encrypt both volumes with the configured key"
    applies = "has(r.volume_encryption_key)"
    set {
      path  = "root_volume_encryption_enabled"
      value = true
    }
    set {
      path  = "user_volume_encryption_enabled"
      value = true
    }
  }
  fix {
    title   = "Encrypt both volumes with the AWS managed WorkSpaces key"
    applies = "!has(r.volume_encryption_key)"
    set {
      path  = "root_volume_encryption_enabled"
      value = true
    }
    set {
      path  = "user_volume_encryption_enabled"
      value = true
    }
    set {
      path  = "volume_encryption_key"
      value = "alias/aws/workspaces"
    }
  }
}

rule "TM-AWS-CODEBUILD-ARTIFACT-ENCRYPTION-OFF" {
  title      = "CodeBuild project disables artifact encryption"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "pci-dss-4.0:6.4.1", "nist-800-53-r5:SC-28", "dora:art9", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_codebuild_project"]
  condition  = "all_blocks(r, 'artifacts').exists(a, get(a, 'encryption_disabled', false) == true) || all_blocks(r, 'secondary_artifacts').exists(a, get(a, 'encryption_disabled', false) == true)"
  location   = "artifacts"
  message    = "encryption_disabled = true: build artifacts are written to S3 unencrypted."
  remediation = "Remove encryption_disabled (or set it to false) in artifacts and secondary_artifacts."
  equivalents {
    tfsec   = ["aws-codebuild-enable-encryption"]
    trivy   = ["AVD-AWS-0018"]
    checkov = ["CKV_AWS_78"]
  }
  description = <<-EOT
    Build artifacts are what gets deployed: packages, container contexts, compiled
    binaries and often the configuration that goes with them. With encryption
    disabled they are stored in clear in the artifact bucket, readable by anything
    with bucket access, and nothing ties them to the project's KMS key. Keeping
    encryption on protects the artifacts and lets the key policy limit who can read
    them.
  EOT

  fix {
    title   = "Encrypt build artifacts"
    applies = "get(r, 'artifacts.encryption_disabled', false) == true && !all_blocks(r, 'secondary_artifacts').exists(a, get(a, 'encryption_disabled', false) == true)"
    set {
      path  = "artifacts.encryption_disabled"
      value = false
    }
  }
}

rule "TM-AWS-IAM-PASSWORD-COMPLEXITY" {
  title      = "IAM password policy does not require mixed character types"
  severity   = "low"
  stride     = ["spoofing"]
  cwe        = ["CWE-521"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-5", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_iam_account_password_policy"]
  condition  = "!get(r, 'require_lowercase_characters', false) || !get(r, 'require_uppercase_characters', false) || !get(r, 'require_numbers', false) || !get(r, 'require_symbols', false)"
  location   = "require_symbols"
  message    = "IAM user passwords need not mix lower case, upper case, digits and symbols."
  remediation = "Set require_lowercase_characters, require_uppercase_characters, require_numbers and require_symbols to true."
  equivalents {
    tfsec   = ["aws-iam-require-lowercase-in-passwords", "aws-iam-require-uppercase-in-passwords", "aws-iam-require-numbers-in-passwords", "aws-iam-require-symbols-in-passwords"]
    trivy   = ["AVD-AWS-0058", "AVD-AWS-0059", "AVD-AWS-0060", "AVD-AWS-0061"]
    checkov = ["CKV_AWS_11", "CKV_AWS_12", "CKV_AWS_14", "CKV_AWS_15"]
  }
  description = <<-EOT
    Without character-class requirements users pick dictionary words and names,
    which are the first candidates in every guessing and cracking list. Requiring
    lower case, upper case, digits and symbols widens the search space an attacker
    has to cover; together with a 14-character minimum it puts console passwords
    of IAM users out of reach of practical guessing. Length matters more than
    classes, hence the low severity.
  EOT

  fix {
    title = "Require all four character classes"
    set {
      path  = "require_lowercase_characters"
      value = true
    }
    set {
      path  = "require_uppercase_characters"
      value = true
    }
    set {
      path  = "require_numbers"
      value = true
    }
    set {
      path  = "require_symbols"
      value = true
    }
  }
}

rule "TM-AWS-SECRETSMANAGER-CMK" {
  title      = "Secrets Manager secret is not encrypted with a customer managed key"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.6.1", "nist-800-53-r5:SC-12", "nist-800-53-r5:SC-28", "dora-rts-2024-1774:art7", "mas-trm-2021:10"]
  likelihood = 1
  impact     = 3
  resource   = ["aws_secretsmanager_secret"]
  condition  = "!has(r.kms_key_id)"
  location   = "kms_key_id"
  message    = "The secret is encrypted with the AWS managed key aws/secretsmanager."
  remediation = "Set kms_key_id to a customer managed KMS key."
  equivalents {
    tfsec   = ["aws-ssm-secret-use-customer-key"]
    trivy   = ["AVD-AWS-0098"]
    checkov = ["CKV_AWS_149"]
  }
  description = <<-EOT
    With the AWS managed key, anyone in the account granted
    `secretsmanager:GetSecretValue` can read the secret: the key's policy cannot be
    changed, so there is no second control, and the secret cannot be shared with
    another account. A customer managed key lets the key policy limit decryption to
    the roles that need the secret, logs every use in CloudTrail, and can be
    disabled to cut off access in an incident. Low severity: the secret is
    encrypted either way.
  EOT

  fix {
    title        = "Encrypt the secret with a new customer managed key"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      resource "aws_kms_key" "$${name}_secret" {
        description         = "Secrets Manager secret $${name}"
        enable_key_rotation = true
      }
    EOT
    set {
      path = "kms_key_id"
      expr = "aws_kms_key.$${name}_secret.arn"
    }
  }
}
