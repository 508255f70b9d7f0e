# Sample rules for the engine's tests (not the built-in catalogue).
rule "TT-EC2-IMDSV1" {
  title      = "EC2 instance allows IMDSv1"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-918"]
  compliance = ["nist-800-53:CM-7"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_instance", "aws_launch_template"]
  applies    = "get(r, 'metadata_options.http_endpoint', 'enabled') != 'disabled'"
  condition  = "get(r, 'metadata_options.http_tokens', 'optional') != 'required'"
  location   = "metadata_options.http_tokens"
  remediation = "Require session tokens (IMDSv2)."
  equivalents {
    tfsec   = ["aws-ec2-enforce-http-token-imds"]
    trivy   = ["AVD-AWS-0028"]
    checkov = ["CKV_AWS_79"]
  }
  description = <<-EOT
    The instance metadata service answers unauthenticated GET requests.
  EOT

  fix {
    title = "Require IMDSv2 session tokens"
    set {
      path  = "metadata_options.http_tokens"
      value = "required"
    }
  }
}
