# IAM rules. Policies reach rules as JSON strings whatever their source (heredoc,
# jsonencode, data.aws_iam_policy_document.json); statements() normalises them.

rule "TM-AWS-IAM-ADMIN-POLICY" {
  title      = "IAM policy grants full administrator access"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-269"]
  compliance = ["pci-dss-4.0:7.2.1", "pci-dss-4.0:7.2.2", "nist-800-53-r5:AC-6", "cis-aws-1.4:1.16", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 5
  resource   = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
  condition  = "size(related('aws_iam_policy_document')) > 0 ? related('aws_iam_policy_document').exists(d, (all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && '*' in get(s, 'actions', []) && '*' in get(s, 'resources', [])) || ((has(d.source_policy_documents) || has(d.override_policy_documents)) && statements(get(d, 'json', '')).exists(s, s.Effect == 'Allow' && s.Action.exists(a, a == '*' || a == '*:*') && '*' in s.Resource)))) : statements(get(r, 'policy', '')).exists(s, s.Effect == 'Allow' && s.Action.exists(a, a == '*' || a == '*:*') && '*' in s.Resource)"
  location   = "policy"
  message    = "A statement allows every action (\"*\") on every resource (\"*\")."
  remediation = "List the actions and resource ARNs the workload needs, or attach an AWS managed job-function policy."
  equivalents {
    tfsec   = ["aws-iam-no-policy-wildcards"]
    trivy   = ["AVD-AWS-0057"]
    checkov = ["CKV_AWS_62", "CKV_AWS_63"]
  }
  description = <<-EOT
    `"Action": "*"` on `"Resource": "*"` is full administrator access. Whoever obtains
    this principal's credentials (a leaked key, an SSRF against an instance role, a
    compromised CI job) owns the account: they can read all data, create users and
    keys for persistence, and delete resources and backups. Granting only the actions
    and resources the workload uses limits what a compromise can reach. A policy built
    from an `aws_iam_policy_document` is also read from the document's statements, so
    an unknown ARN in another statement does not hide the wildcard one.
  EOT
}

rule "TM-AWS-IAM-ADMIN-POLICY-DOCUMENT" {
  title      = "IAM policy document grants full administrator access"
  severity   = "high"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-269"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-6", "cis-aws-1.4:1.16", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 3
  impact     = 5
  resource   = ["aws_iam_policy_document"]
  condition  = "(all_blocks(r, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && '*' in get(s, 'actions', []) && '*' in get(s, 'resources', [])) || ((has(r.source_policy_documents) || has(r.override_policy_documents)) && statements(get(r, 'json', '')).exists(s, s.Effect == 'Allow' && s.Action.exists(a, a == '*' || a == '*:*') && '*' in s.Resource)))"
  location   = "statement"
  message    = "A statement allows every action (\"*\") on every resource (\"*\")."
  remediation = "List the actions and resource ARNs the workload needs in each statement."
  equivalents {
    tfsec   = ["aws-iam-no-policy-wildcards"]
    trivy   = ["AVD-AWS-0057"]
    checkov = ["CKV_AWS_1"]
  }
  description = <<-EOT
    This policy document allows `*` on `*`, full administrator access, to whatever
    policy, role or bucket it is attached to. Anyone who obtains the holder's
    credentials can read all data, create backdoor users and keys, and delete
    resources and backups. Enumerating actions and resource ARNs limits what a
    compromise of the holder can reach.
  EOT
}

rule "TM-AWS-IAM-USER-POLICY" {
  title      = "IAM policy is attached directly to a user"
  severity   = "low"
  stride     = ["elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.2", "nist-800-53-r5:AC-2", "nist-800-53-r5:AC-6", "cis-aws-1.4:1.15", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"]
  condition  = "res.type == 'aws_iam_policy_attachment' ? size(get(r, 'users', [])) > 0 : true"
  location   = "user"
  message    = "Permissions are granted to an individual IAM user instead of a group or role."
  remediation = "Attach the policy to an IAM group (or a role assumed through SSO) and add the user to the group."
  equivalents {
    tfsec   = ["aws-iam-no-user-attached-policies"]
    trivy   = ["AVD-AWS-0143"]
    checkov = ["CKV_AWS_40"]
  }
  description = <<-EOT
    Permissions attached to individual users accumulate unseen: each user ends up with
    a different, ever-growing set, leavers keep access until someone audits them, and
    a user's long-lived access key carries all of it. Granting through groups or roles
    keeps permissions reviewable per job function and makes revocation a single
    membership change.
  EOT
}

rule "TM-AWS-IAM-ROLE-TRUST-PUBLIC" {
  title      = "IAM role can be assumed by any AWS account"
  severity   = "critical"
  stride     = ["elevation-of-privilege", "spoofing"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_iam_role"]
  condition  = "statements(get(r, 'assume_role_policy', '')).exists(s, s.Effect == 'Allow' && size(s.Condition) == 0 && '*' in get(s.Principal, 'AWS', [])) || related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && size(all_blocks(s, 'condition')) == 0 && all_blocks(s, 'principals').exists(p, get(p, 'type', '') == 'AWS' && '*' in get(p, 'identifiers', []))))"
  location   = "assume_role_policy"
  message    = "The trust policy lets any AWS principal (Principal AWS \"*\") assume the role, with no condition."
  remediation = "Name the trusted accounts or roles in Principal, or require conditions such as aws:PrincipalOrgID or sts:ExternalId."
  equivalents {
    checkov = ["CKV_AWS_60"]
  }
  description = <<-EOT
    A trust policy with `Principal: {"AWS": "*"}` and no condition lets every AWS
    account in the world call `sts:AssumeRole` on this role and receive its
    permissions; attackers enumerate role ARNs and try exactly this. Naming the
    trusted principals, or conditioning on your organisation ID or an external ID,
    limits who can become the role.
  EOT
}

rule "TM-AWS-IAM-GITHUB-OIDC-NO-SUB" {
  title      = "IAM role trusts GitHub Actions without restricting the repository"
  severity   = "critical"
  stride     = ["elevation-of-privilege", "spoofing"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:7.2.1", "nist-800-53-r5:AC-3", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_iam_role"]
  condition  = "statements(get(r, 'assume_role_policy', '')).exists(s, s.Effect == 'Allow' && (get(s.Principal, 'Federated', []).exists(p, p.endsWith('token.actions.githubusercontent.com')) || s.Condition.exists(op, s.Condition[op].exists(k, k.startsWith('token.actions.githubusercontent.com:')))) && !s.Condition.exists(op, s.Condition[op].exists(k, k == 'token.actions.githubusercontent.com:sub'))) || related('aws_iam_policy_document').exists(d, all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && all_blocks(s, 'condition').exists(c, get(c, 'variable', '').startsWith('token.actions.githubusercontent.com:')) && !all_blocks(s, 'condition').exists(c, get(c, 'variable', '') == 'token.actions.githubusercontent.com:sub')))"
  location   = "assume_role_policy"
  message    = "The role trusts GitHub's OIDC provider without a token.actions.githubusercontent.com:sub condition: any repository on GitHub can assume it."
  remediation = "Add a condition on token.actions.githubusercontent.com:sub naming your repository and branch or environment (StringEquals or StringLike \"repo:org/repo:ref:refs/heads/main\")."
  equivalents {
    checkov = ["CKV_AWS_358"]
  }
  description = <<-EOT
    GitHub issues OIDC tokens to every workflow of every repository on github.com,
    all signed by the same issuer. A trust policy that checks only the issuer (and
    perhaps the audience `sts.amazonaws.com`) accepts a token from an attacker's own
    repository, which then assumes the role from its workflow. A condition on the
    `sub` claim (`repo:org/repo:ref:refs/heads/main` or `:environment:prod`) restricts
    the role to your repository and branch. A statement is recognised by GitHub's
    provider ARN or by conditions on other `token.actions.githubusercontent.com:`
    claims (such as `aud`), so an unknown provider ARN does not hide it.
  EOT
}

rule "TM-AWS-IAM-SERVICE-WILDCARD" {
  title      = "IAM policy grants every action of a service on every resource"
  severity   = "medium"
  stride     = ["elevation-of-privilege", "information-disclosure", "tampering"]
  cwe        = ["CWE-250"]
  compliance = ["pci-dss-4.0:7.2.1", "pci-dss-4.0:7.2.2", "nist-800-53-r5:AC-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:9"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
  condition  = "size(related('aws_iam_policy_document')) > 0 ? related('aws_iam_policy_document').exists(d, (all_blocks(d, 'statement').exists(s, get(s, 'effect', 'Allow') == 'Allow' && get(s, 'actions', []).exists(a, a.matches('^[A-Za-z0-9-]+:[*]$')) && !get(s, 'actions', []).exists(a, a == '*' || a == '*:*') && '*' in get(s, 'resources', [])) || ((has(d.source_policy_documents) || has(d.override_policy_documents)) && statements(get(d, 'json', '')).exists(s, s.Effect == 'Allow' && s.Action.exists(a, a.matches('^[A-Za-z0-9-]+:[*]$')) && !s.Action.exists(a, a == '*' || a == '*:*') && '*' in s.Resource)))) : statements(get(r, 'policy', '')).exists(s, s.Effect == 'Allow' && s.Action.exists(a, a.matches('^[A-Za-z0-9-]+:[*]$')) && !s.Action.exists(a, a == '*' || a == '*:*') && '*' in s.Resource)"
  location   = "policy"
  message    = "A statement allows every action of a service (such as \"s3:*\") on every resource (\"*\")."
  remediation = "List the actions the workload calls (s3:GetObject, s3:PutObject, ...) and scope Resource to the ARNs it uses."
  equivalents {
    tfsec = ["aws-iam-no-policy-wildcards"]
    trivy = ["AVD-AWS-0057"]
  }
  description = <<-EOT
    `"Action": "s3:*"` (or `ec2:*`, `dynamodb:*`, ...) on `"Resource": "*"` is full
    administration of that service in the whole account: reading and deleting every
    bucket or table, changing their policies, disabling encryption and logging. Some
    services reach further: `iam:*` is account takeover, `sts:*` and `lambda:*` let the
    holder act as other roles. Whoever obtains this principal's credentials gets all of
    it. Naming the actions the workload calls and the ARNs it touches limits what a
    compromise can reach. Statements that grant `"*"` itself are reported by
    TM-AWS-IAM-ADMIN-POLICY instead. A policy built from an `aws_iam_policy_document`
    is read from the document's statements.
  EOT
}
