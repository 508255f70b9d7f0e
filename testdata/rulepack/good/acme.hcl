# An organisation's own rules, in the same format as the built-in catalogue.

rule "ACME-S3-TAGS" {
  title      = "S3 bucket has no data classification tag"
  severity   = "low"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-1059"]
  likelihood = 2
  impact     = 2
  resource   = ["aws_s3_bucket"]
  condition  = "!has(r.tags) || !('DataClass' in r.tags)"
  location   = "tags"
  remediation = "Tag the bucket with DataClass = public | internal | confidential | restricted."
  description = <<-EOT
    Without a classification tag the data protection team cannot tell which
    controls the bucket needs.
  EOT

  fix {
    title = "Add a DataClass tag"
    set {
      path  = "tags"
      expr  = "{ DataClass = \"internal\" }"
    }
  }
}

rule "ACME-EC2-APPROVED-AMI" {
  title      = "EC2 instance does not use the golden AMI"
  severity   = "medium"
  stride     = ["tampering"]
  cwe        = ["CWE-1104"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_instance"]
  condition  = "!get(r, 'ami', '').startsWith('ami-0golden')"
  location   = "ami"
  description = "Only hardened golden images may run in production."
}
