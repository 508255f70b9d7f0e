# Elastic Load Balancing and CloudFront rules: what the internet talks to.

rule "TM-AWS-ELB-HTTP-LISTENER" {
  title      = "Load balancer listener serves plain HTTP"
  severity   = "high"
  stride     = ["information-disclosure", "tampering", "spoofing"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "pci-dss-4.0:2.2.7", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 4
  resource   = ["aws_lb_listener", "aws_alb_listener", "aws_elb"]
  applies    = "res.type == 'aws_elb' || (!related('aws_lb').exists(l, get(l, 'load_balancer_type', 'application') == 'gateway') && !related('aws_alb').exists(l, get(l, 'load_balancer_type', 'application') == 'gateway'))"
  condition  = "res.type == 'aws_elb' ? all_blocks(r, 'listener').exists(l, lower(get(l, 'lb_protocol', '')) == 'http') : (get(r, 'protocol', 'HTTP') == 'HTTP' && !all_blocks(r, 'default_action').exists(a, get(a, 'type', '') == 'redirect' && get(a, 'redirect.protocol', '') == 'HTTPS'))"
  location   = "protocol"
  message    = "The load balancer serves plain HTTP (an HTTP listener that forwards instead of redirecting to HTTPS, or a classic ELB listener with lb_protocol = \"http\")."
  remediation = "Serve the application on an HTTPS listener and make the HTTP listener's default_action a redirect to HTTPS (status_code HTTP_301); on a classic ELB, use lb_protocol = \"https\" with an ssl_certificate_id (or move to an Application Load Balancer)."
  equivalents {
    tfsec   = ["aws-elb-http-not-used"]
    trivy   = ["AVD-AWS-0054"]
    checkov = ["CKV_AWS_2", "CKV2_AWS_20"]
  }
  description = <<-EOT
    Over plain HTTP, session cookies, credentials and data cross the internet
    unencrypted: anyone on the path (public Wi-Fi, a compromised router, an ISP) can
    read them, hijack sessions, or inject content into responses. An HTTP listener
    whose only action is a redirect to HTTPS never serves content in clear; browsers
    follow it and, with HSTS, stop trying HTTP at all. A classic ELB (`aws_elb`)
    cannot redirect, so any `listener` with `lb_protocol = "http"` serves content in
    clear.
  EOT
}

rule "TM-AWS-ELB-OUTDATED-TLS" {
  title      = "Load balancer listener allows TLS 1.0 or 1.1"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_lb_listener", "aws_alb_listener"]
  applies    = "get(r, 'protocol', '') in ['HTTPS', 'TLS']"
  condition  = "get(r, 'ssl_policy', 'ELBSecurityPolicy-2016-08') in ['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-2015-05', 'ELBSecurityPolicy-TLS-1-0-2015-04', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-FS-2018-06', 'ELBSecurityPolicy-FS-1-1-2019-08', 'ELBSecurityPolicy-TLS13-1-0-2021-06', 'ELBSecurityPolicy-TLS13-1-1-2021-06', 'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-1-PQ-2025-09']"
  location   = "ssl_policy"
  message    = "The TLS policy accepts TLS 1.0 or 1.1 (ELBSecurityPolicy-2016-08 is the default when ssl_policy is unset)."
  remediation = "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (TLS 1.2 and 1.3 only)."
  equivalents {
    tfsec   = ["aws-elb-use-secure-tls-policy"]
    trivy   = ["AVD-AWS-0047"]
    checkov = ["CKV_AWS_103"]
  }
  description = <<-EOT
    TLS 1.0 and 1.1 rely on obsolete constructions (CBC with predictable IVs, SHA-1
    and MD5 in the handshake) and are open to downgrade and padding-oracle attacks;
    PCI DSS and every current browser have retired them. A policy that still accepts
    them lets an attacker on the path force weaker connections. A TLS 1.2+ policy
    such as `ELBSecurityPolicy-TLS13-1-2-2021-06` removes the legacy protocols.
  EOT

  fix {
    title = "Use the TLS 1.2/1.3 security policy"
    set {
      path  = "ssl_policy"
      value = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    }
  }
}

rule "TM-AWS-ELB-DROP-INVALID-HEADERS" {
  title      = "Application load balancer passes invalid HTTP headers"
  severity   = "medium"
  stride     = ["tampering", "spoofing"]
  cwe        = ["CWE-693"]
  compliance = ["pci-dss-4.0:2.2.1", "nist-800-53-r5:SC-7", "nist-800-53-r5:CM-6", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_lb", "aws_alb"]
  applies    = "get(r, 'load_balancer_type', 'application') == 'application'"
  condition  = "!get(r, 'drop_invalid_header_fields', false)"
  location   = "drop_invalid_header_fields"
  message    = "Header fields with invalid names are forwarded to the targets."
  remediation = "Set drop_invalid_header_fields = true."
  equivalents {
    tfsec   = ["aws-elb-drop-invalid-headers"]
    trivy   = ["AVD-AWS-0052"]
    checkov = ["CKV_AWS_131"]
  }
  description = <<-EOT
    Headers whose names are not valid HTTP tokens are interpreted differently by the
    load balancer and by the application server behind it. Attackers use that
    disagreement for request smuggling and header injection: slipping a second
    request past the balancer's rules, or spoofing headers the application trusts.
    Dropping invalid header fields at the balancer removes the ambiguity.
  EOT

  fix {
    title = "Drop invalid header fields"
    set {
      path  = "drop_invalid_header_fields"
      value = true
    }
  }
}

rule "TM-AWS-CLOUDFRONT-HTTP" {
  title      = "CloudFront distribution allows plain HTTP"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_cloudfront_distribution"]
  condition  = "get(r, 'default_cache_behavior.viewer_protocol_policy', '') == 'allow-all' || all_blocks(r, 'ordered_cache_behavior').exists(b, get(b, 'viewer_protocol_policy', '') == 'allow-all')"
  location   = "default_cache_behavior.viewer_protocol_policy"
  message    = "A cache behaviour uses viewer_protocol_policy = \"allow-all\": viewers may use plain HTTP."
  remediation = "Set viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\") on the default and every ordered cache behaviour."
  equivalents {
    tfsec   = ["aws-cloudfront-enforce-https"]
    trivy   = ["AVD-AWS-0012"]
    checkov = ["CKV_AWS_34"]
  }
  description = <<-EOT
    With `allow-all`, CloudFront serves the same content over HTTP: an attacker on
    the viewer's network reads cookies and tokens, and can rewrite responses (inject
    script into pages, swap downloads). `redirect-to-https` sends plain requests to
    HTTPS first, so content and cookies only ever travel encrypted.
  EOT

  fix {
    title   = "Redirect HTTP viewers to HTTPS"
    applies = "get(r, 'default_cache_behavior.viewer_protocol_policy', '') == 'allow-all' && !all_blocks(r, 'ordered_cache_behavior').exists(b, get(b, 'viewer_protocol_policy', '') == 'allow-all')"
    set {
      path  = "default_cache_behavior.viewer_protocol_policy"
      value = "redirect-to-https"
    }
  }
  fix {
    title   = "Redirect HTTP viewers to HTTPS"
    applies = "get(r, 'default_cache_behavior.viewer_protocol_policy', '') != 'allow-all' && size(all_blocks(r, 'ordered_cache_behavior')) == 1"
    set {
      path  = "ordered_cache_behavior.0.viewer_protocol_policy"
      value = "redirect-to-https"
    }
  }
}

rule "TM-AWS-CLOUDFRONT-OUTDATED-TLS" {
  title      = "CloudFront distribution accepts old TLS versions"
  severity   = "medium"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-326"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "nist-800-53-r5:SC-13", "dora:art9", "dora-rts-2024-1774:art6", "osfi-b13:3.2", "mas-trm-2021:10"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_cloudfront_distribution"]
  applies    = "!get(r, 'viewer_certificate.cloudfront_default_certificate', false)"
  condition  = "get(r, 'viewer_certificate.minimum_protocol_version', 'TLSv1') in ['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']"
  location   = "viewer_certificate.minimum_protocol_version"
  message    = "The viewer certificate allows SSLv3, TLS 1.0 or TLS 1.1."
  remediation = "Set viewer_certificate { minimum_protocol_version = \"TLSv1.2_2021\" }."
  equivalents {
    tfsec   = ["aws-cloudfront-use-secure-tls-policy"]
    trivy   = ["AVD-AWS-0013"]
    checkov = ["CKV_AWS_174"]
  }
  description = <<-EOT
    With a custom certificate, `minimum_protocol_version` defaults to `TLSv1`, so
    viewers can be downgraded to TLS 1.0 and its weak cipher suites, which PCI DSS
    and browsers have retired. `TLSv1.2_2021` accepts only TLS 1.2+ with forward
    secret ciphers. (Distributions on the default `*.cloudfront.net` certificate
    cannot choose and are skipped.)
  EOT

  fix {
    title = "Require TLS 1.2 (TLSv1.2_2021)"
    set {
      path  = "viewer_certificate.minimum_protocol_version"
      value = "TLSv1.2_2021"
    }
  }
}

rule "TM-AWS-ELB-DELETION-PROTECTION" {
  title      = "Load balancer deletion protection is off"
  severity   = "low"
  stride     = ["denial-of-service"]
  cwe        = ["CWE-693"]
  compliance = ["nist-800-53-r5:CP-10", "nist-800-53-r5:CM-3", "dora:art12", "mas-trm-2021:8"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_lb", "aws_alb"]
  condition  = "!get(r, 'enable_deletion_protection', false)"
  location   = "enable_deletion_protection"
  message    = "The load balancer, and with it the service's DNS entry point, can be deleted in one call."
  remediation = "Set enable_deletion_protection = true for production load balancers."
  equivalents {
    checkov = ["CKV_AWS_150"]
  }
  description = <<-EOT
    A mistaken `terraform destroy`, a rename that forces replacement, or an attacker
    with `elasticloadbalancing:DeleteLoadBalancer` takes the service offline at
    once; the recreated balancer gets a new DNS name, so every alias and allow-list
    pointing at the old one breaks too. Deletion protection makes removal a
    deliberate two-step change. Low severity: it guards availability, and
    short-lived environments may leave it off on purpose.
  EOT

  fix {
    title = "Turn on deletion protection"
    set {
      path  = "enable_deletion_protection"
      value = true
    }
  }
}

rule "TM-AWS-CLOUDFRONT-ORIGIN-HTTP" {
  title      = "CloudFront fetches from a custom origin over plain HTTP"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_cloudfront_distribution"]
  condition  = "all_blocks(r, 'origin').exists(o, get(o, 'custom_origin_config.origin_protocol_policy', '') == 'http-only' && !get(o, 'domain_name', '').contains('.s3-website'))"
  location   = "origin"
  message    = "origin_protocol_policy = \"http-only\": requests and responses travel unencrypted between CloudFront and the origin."
  remediation = "Set custom_origin_config { origin_protocol_policy = \"https-only\", origin_ssl_protocols = [\"TLSv1.2\"] } and serve a valid certificate on the origin."
  description = <<-EOT
    Viewers may connect to CloudFront over HTTPS, but with an `http-only` origin the
    request (cookies, authorization headers, form posts) and the response travel the
    internet in clear between the edge and your origin. Anyone on that path can read
    credentials and alter responses, which the viewer then receives over a trusted
    HTTPS connection. `https-only` encrypts and authenticates the origin leg. S3
    website endpoints only speak HTTP and are skipped (use an S3 origin with origin
    access control instead).
  EOT

  fix {
    title   = "Fetch from the origin over HTTPS"
    applies = "size(all_blocks(r, 'origin')) == 1"
    set {
      path  = "origin.custom_origin_config.origin_protocol_policy"
      value = "https-only"
    }
  }
}

rule "TM-AWS-ELB-ACCESS-LOGS" {
  title      = "Load balancer access logs are off"
  severity   = "low"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-2", "nist-800-53-r5:AU-12", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_elb", "aws_lb", "aws_alb"]
  applies    = "res.type == 'aws_elb' || get(r, 'load_balancer_type', 'application') != 'gateway'"
  condition  = "!all_blocks(r, 'access_logs').exists(a, get(a, 'enabled', res.type == 'aws_elb'))"
  location   = "access_logs"
  message    = "No access_logs block with enabled = true: requests through the load balancer are not recorded."
  remediation = "Add access_logs { bucket = aws_s3_bucket.lb_logs.id  enabled = true } (the bucket policy must let the Elastic Load Balancing service write to it)."
  equivalents {
    checkov = ["CKV_AWS_91", "CKV_AWS_92"]
  }
  description = <<-EOT
    The load balancer is where internet traffic enters. Its access logs record every
    request: client address, time, path, status and TLS details. Without them,
    responders cannot tell which clients probed or exploited the application, what
    was downloaded or when an attack started, and the application's own logs only see
    what the balancer forwarded. On `aws_lb`/`aws_alb` an `access_logs` block is off
    unless `enabled = true`; on a classic `aws_elb` the block is on unless
    `enabled = false`. Gateway load balancers have no access logs and are skipped.
  EOT

  fix {
    title   = "Turn on access logging"
    applies = "size(all_blocks(r, 'access_logs')) == 1"
    set {
      path  = "access_logs.enabled"
      value = true
    }
  }
}
