# Amazon S3 rules. Buckets arrive with their split resources (aws_s3_bucket_acl,
# _policy, _public_access_block, _versioning, _logging,
# _server_side_encryption_configuration) joined under the inline (v3) names, so
# each rule reads one shape whichever style the module uses.

rule "TM-AWS-S3-PUBLIC-ACCESS-BLOCK" {
  title      = "S3 bucket has no public access block"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:AC-3", "nist-800-53-r5:SC-7", "cis-aws-1.4:2.1.5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_s3_bucket"]
  condition  = "(!has(r.public_access_block) || size(r.public_access_block) == 0) && !related('aws_s3_account_public_access_block').exists(a, get(a, 'block_public_acls', false) && get(a, 'block_public_policy', false) && get(a, 'ignore_public_acls', false) && get(a, 'restrict_public_buckets', false))"
  location   = "bucket"
  message    = "No aws_s3_bucket_public_access_block protects this bucket: a later ACL or policy change can make it public."
  remediation = "Add an aws_s3_bucket_public_access_block for the bucket with all four flags set to true."
  equivalents {
    tfsec   = ["aws-s3-specify-public-access-block"]
    trivy   = ["AVD-AWS-0094"]
    checkov = ["CKV2_AWS_6"]
  }
  description = <<-EOT
    Without a bucket-level public access block, one mistaken ACL (`public-read`) or
    bucket policy with `Principal: "*"` is enough to publish every object in the
    bucket; an attacker only needs the bucket name to list and download the data.
    An `aws_s3_bucket_public_access_block` with `block_public_acls`,
    `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` set makes
    S3 refuse and ignore public grants, whatever later changes say. An account-wide
    `aws_s3_account_public_access_block` with all four settings, in the same root
    module, gives the same protection and counts; when the account sets it elsewhere,
    suppress this rule with that reason.
  EOT

  fix {
    title        = "Add a public access block for this bucket"
    add_resource = <<-EOT
      resource "aws_s3_bucket_public_access_block" "$${name}" {
        bucket = $${self}.id

        block_public_acls       = true
        block_public_policy     = true
        ignore_public_acls      = true
        restrict_public_buckets = true
      }
    EOT
  }
}

rule "TM-AWS-S3-PUBLIC-ACCESS-BLOCK-INCOMPLETE" {
  title      = "S3 public access block leaves a setting off"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:AC-3", "cis-aws-1.4:2.1.5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_s3_bucket_public_access_block"]
  condition  = "!get(r, 'block_public_acls', false) || !get(r, 'block_public_policy', false) || !get(r, 'ignore_public_acls', false) || !get(r, 'restrict_public_buckets', false)"
  location   = "bucket"
  message    = "The public access block does not set all four of block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true."
  remediation = "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true."
  equivalents {
    tfsec   = ["aws-s3-block-public-acls", "aws-s3-block-public-policy", "aws-s3-ignore-public-acls", "aws-s3-no-public-buckets"]
    trivy   = ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093"]
    checkov = ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"]
  }
  description = <<-EOT
    Each of the four settings closes one path to public data; every one defaults to
    `false`. With `block_public_acls` off a public-read ACL can be applied; with
    `ignore_public_acls` off existing public ACLs keep working; with
    `block_public_policy` or `restrict_public_buckets` off a policy granting
    `Principal: "*"` exposes the bucket to anyone on the internet. Setting all four to
    `true` makes S3 reject and ignore public grants.
  EOT

  fix {
    title = "Turn on all four public access block settings"
    set {
      path  = "block_public_acls"
      value = true
    }
    set {
      path  = "block_public_policy"
      value = true
    }
    set {
      path  = "ignore_public_acls"
      value = true
    }
    set {
      path  = "restrict_public_buckets"
      value = true
    }
  }
}

rule "TM-AWS-S3-PUBLIC-ACL" {
  title      = "S3 bucket ACL grants access to everyone"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_s3_bucket"]
  applies    = "!get(r, 'public_access_block.ignore_public_acls', false) && !related('aws_s3_account_public_access_block').exists(a, get(a, 'ignore_public_acls', false))"
  condition  = "get(r, 'acl', 'private') in ['public-read', 'public-read-write', 'authenticated-read'] || all_blocks(r, 'grant').exists(g, get(g, 'uri', get(g, 'grantee.uri', '')).endsWith('/global/AllUsers') || get(g, 'uri', get(g, 'grantee.uri', '')).endsWith('/global/AuthenticatedUsers'))"
  location   = "acl"
  message    = "The bucket ACL grants access to AllUsers or AuthenticatedUsers."
  remediation = "Use acl = \"private\" (or disable ACLs with aws_s3_bucket_ownership_controls BucketOwnerEnforced) and grant access through IAM or bucket policies naming principals."
  equivalents {
    tfsec   = ["aws-s3-no-public-access-with-acl"]
    trivy   = ["AVD-AWS-0092"]
    checkov = ["CKV_AWS_20", "CKV_AWS_57"]
  }
  description = <<-EOT
    `public-read` lets anyone on the internet list and download the bucket's objects;
    `public-read-write` also lets them upload, overwrite and delete, which turns the
    bucket into free malware hosting or a way to tamper with what your applications
    read. `authenticated-read` is no better: "authenticated" means any AWS account.
    A private ACL (better: ACLs disabled with `BucketOwnerEnforced`) leaves access to
    IAM and bucket policies that name who may read. The rule does not fire when the
    bucket's public access block, or the account's in the same root module, sets
    `ignore_public_acls`, which neutralises the grant.
  EOT

  fix {
    title   = "Make the bucket ACL private"
    applies = "size(related('aws_s3_bucket_acl')) > 0 && get(r, 'acl', 'private') in ['public-read', 'public-read-write', 'authenticated-read']"
    target  = "aws_s3_bucket_acl"
    set {
      path  = "acl"
      value = "private"
    }
  }
  fix {
    title   = "Make the bucket ACL private"
    applies = "size(related('aws_s3_bucket_acl')) == 0 && get(r, 'acl', 'private') in ['public-read', 'public-read-write', 'authenticated-read']"
    set {
      path  = "acl"
      value = "private"
    }
  }
}

rule "TM-AWS-S3-PUBLIC-POLICY" {
  title      = "S3 bucket policy allows anyone"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-732"]
  compliance = ["pci-dss-4.0:1.4.4", "pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_s3_bucket"]
  applies    = "(has(r.policy) || size(related('aws_iam_policy_document')) > 0) && !get(r, 'public_access_block.restrict_public_buckets', false) && !related('aws_s3_account_public_access_block').exists(a, get(a, 'restrict_public_buckets', false))"
  condition  = "(has(r.policy) && statements(r.policy).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && s.Principal.exists(k, '*' in s.Principal[k]))) || related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, '*' in get(p, 'identifiers', []))))"
  location   = "policy"
  message    = "A bucket policy statement allows Principal \"*\" without any condition."
  remediation = "Name the principals (account or role ARNs) or restrict the statement with a Condition such as aws:PrincipalOrgID or aws:SourceVpce."
  equivalents {
    checkov = ["CKV_AWS_70"]
  }
  description = <<-EOT
    An `Allow` statement whose principal is `*` and that carries no `Condition` grants
    its actions to every AWS account and to anonymous callers on the internet: anyone
    who learns the bucket name can read (or, depending on the actions, write and
    delete) its objects. Naming principals, or conditioning the statement on your
    organisation (`aws:PrincipalOrgID`) or VPC endpoint (`aws:SourceVpce`), limits
    access to callers you know. Not reported when the bucket's public access block,
    or the account's in the same root module, sets `restrict_public_buckets`; policy
    documents naming the bucket are read statement
    by statement, so an unknown ARN elsewhere does not hide a public statement.
  EOT
}

rule "TM-AWS-S3-ENCRYPTION-KMS" {
  title      = "S3 bucket is not encrypted with KMS"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-311"]
  compliance = ["pci-dss-4.0:3.5.1", "nist-800-53-r5:SC-28", "nist-800-53-r5:SC-12", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_s3_bucket"]
  condition  = "!all_blocks(r, 'server_side_encryption_configuration.rule.apply_server_side_encryption_by_default').exists(d, get(d, 'sse_algorithm', '') in ['aws:kms', 'aws:kms:dsse'])"
  location   = "server_side_encryption_configuration"
  message    = "Objects are encrypted only with S3-managed keys (SSE-S3): no KMS key policy or CloudTrail record controls who decrypts them."
  remediation = "Configure default encryption with sse_algorithm = \"aws:kms\" (ideally with a customer managed key and bucket_key_enabled = true)."
  equivalents {
    tfsec   = ["aws-s3-encryption-customer-key"]
    trivy   = ["AVD-AWS-0132"]
    checkov = ["CKV_AWS_145"]
  }
  description = <<-EOT
    Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3) by
    default, so data is not stored in clear. But with SSE-S3 anyone granted
    `s3:GetObject` gets plaintext: there is no second key permission to check and no
    per-decryption audit record. With SSE-KMS a reader also needs `kms:Decrypt` on the
    key, the key policy can deny it outside your organisation, and every decryption is
    logged in CloudTrail; a leaked bucket policy alone no longer leaks data. Hence the
    low severity: this is defence in depth, not missing encryption.
  EOT

  fix {
    title   = "Use aws:kms default encryption"
    applies = "size(related('aws_s3_bucket_server_side_encryption_configuration')) > 0"
    target  = "aws_s3_bucket_server_side_encryption_configuration"
    set {
      path  = "rule.apply_server_side_encryption_by_default.sse_algorithm"
      value = "aws:kms"
    }
  }
  fix {
    title   = "Use aws:kms default encryption"
    applies = "size(related('aws_s3_bucket_server_side_encryption_configuration')) == 0 && has(r.server_side_encryption_configuration) && size(r.server_side_encryption_configuration) > 0"
    set {
      path  = "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm"
      value = "aws:kms"
    }
  }
  fix {
    title        = "Add aws:kms default encryption for this bucket"
    applies      = "!has(r.server_side_encryption_configuration) || size(r.server_side_encryption_configuration) == 0"
    add_resource = <<-EOT
      resource "aws_s3_bucket_server_side_encryption_configuration" "$${name}" {
        bucket = $${self}.id

        rule {
          apply_server_side_encryption_by_default {
            sse_algorithm = "aws:kms"
          }
          bucket_key_enabled = true
        }
      }
    EOT
  }
}

rule "TM-AWS-S3-VERSIONING" {
  title      = "S3 bucket versioning is not enabled"
  severity   = "medium"
  stride     = ["tampering", "denial-of-service"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-9", "dora:art12", "mas-trm-2021:8"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_s3_bucket"]
  condition  = "!get(r, 'versioning.enabled', false)"
  location   = "versioning"
  message    = "Versioning is off: an overwrite or delete destroys the only copy of an object."
  remediation = "Enable versioning (aws_s3_bucket_versioning with status = \"Enabled\")."
  equivalents {
    tfsec   = ["aws-s3-enable-versioning"]
    trivy   = ["AVD-AWS-0090"]
    checkov = ["CKV_AWS_21"]
  }
  description = <<-EOT
    Without versioning, anyone who obtains write access (a leaked key, ransomware
    running with an application's role, a buggy deploy) can overwrite or delete objects
    and nothing can be recovered. With versioning enabled S3 keeps prior versions, so
    deleted or encrypted-by-attacker objects can be restored; combine it with
    lifecycle rules to expire old versions and with MFA delete or object lock for
    backups and logs.
  EOT

  fix {
    title   = "Enable versioning"
    applies = "size(related('aws_s3_bucket_versioning')) > 0"
    target  = "aws_s3_bucket_versioning"
    set {
      path  = "versioning_configuration.status"
      value = "Enabled"
    }
  }
  fix {
    title   = "Enable versioning"
    applies = "size(related('aws_s3_bucket_versioning')) == 0 && has(r.versioning) && size(r.versioning) > 0"
    set {
      path  = "versioning.enabled"
      value = true
    }
  }
  fix {
    title        = "Add versioning for this bucket"
    applies      = "!has(r.versioning) || size(r.versioning) == 0"
    add_resource = <<-EOT
      resource "aws_s3_bucket_versioning" "$${name}" {
        bucket = $${self}.id

        versioning_configuration {
          status = "Enabled"
        }
      }
    EOT
  }
}

rule "TM-AWS-S3-LOGGING" {
  title      = "S3 bucket has no server access logging"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_s3_bucket"]
  applies    = "size(related('aws_s3_bucket_logging')) == 0 && !related('aws_s3_bucket').exists(b, size(all_blocks(b, 'logging')) > 0)"
  condition  = "!has(r.logging) || size(r.logging) == 0"
  location   = "logging"
  message    = "Server access logging is off: reads and writes of objects leave no record."
  remediation = "Add aws_s3_bucket_logging with a target_bucket dedicated to access logs."
  equivalents {
    tfsec   = ["aws-s3-enable-bucket-logging"]
    trivy   = ["AVD-AWS-0089"]
    checkov = ["CKV_AWS_18"]
  }
  description = <<-EOT
    CloudTrail records bucket-level API calls but not object reads unless data events
    are paid for. Without server access logs, an attacker who downloads the bucket's
    contents with a stolen key leaves nothing to investigate: you cannot tell what was
    taken, when or from where. Access logs delivered to a separate, locked-down bucket
    give incident responders that record. A bucket that receives another bucket's
    access logs is not itself required to log (that would loop).
  EOT
}

rule "TM-AWS-S3-ACCOUNT-PUBLIC-ACCESS-BLOCK-INCOMPLETE" {
  title      = "Account-level S3 public access block leaves a setting off"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.4.4", "nist-800-53-r5:AC-3", "cis-aws-1.4:2.1.5", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_s3_account_public_access_block"]
  condition  = "!get(r, 'block_public_acls', false) || !get(r, 'block_public_policy', false) || !get(r, 'ignore_public_acls', false) || !get(r, 'restrict_public_buckets', false)"
  location   = "block_public_acls"
  message    = "The account-wide public access block does not set all four settings to true."
  remediation = "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true."
  equivalents {
    checkov = ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"]
  }
  description = <<-EOT
    The account-level block is the safety net for every bucket in the account,
    including those created later by other tools or teams. Each setting left false
    (the default) leaves one path open: public ACLs applied or honoured, or public
    bucket policies accepted. With all four on, no bucket in the account can be made
    public by an ACL or policy mistake.
  EOT

  fix {
    title = "Turn on all four account-level settings"
    set {
      path  = "block_public_acls"
      value = true
    }
    set {
      path  = "block_public_policy"
      value = true
    }
    set {
      path  = "ignore_public_acls"
      value = true
    }
    set {
      path  = "restrict_public_buckets"
      value = true
    }
  }
}
