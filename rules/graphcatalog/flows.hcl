# Graph rules over data flows. `e` is the flow, `from` and `to` its endpoints.

rule "TM-GRAPH-FLOW-UNENCRYPTED-CROSSING" {
  title      = "Unencrypted flow crosses a trust boundary"
  severity   = "high"
  stride     = ["information-disclosure", "tampering"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "mas-trm-2021:11"]
  likelihood = 4
  impact     = 4
  target     = "flow"
  condition  = "e.crosses_boundary && has(e.encrypted) && !e.encrypted"
  message    = "{e.protocol} flow from {from.name} ({from.trust}) to {to.name} ({to.trust}) crosses a trust boundary unencrypted"
  remediation = "Use TLS on this hop (an HTTPS listener that redirects HTTP, TLS to the backend) so that nothing between the boundaries can read or change the traffic."
  description = <<-EOT
    Traffic that leaves one trust zone for another passes networks neither side
    controls. Without TLS anyone on the path can read credentials and data or change
    them in flight. Terminate TLS at the entry point and re-encrypt to the backend
    when the hop crosses a boundary.
  EOT
}

rule "TM-GRAPH-FLOW-UNAUTHENTICATED-TRUSTED" {
  title      = "Unauthenticated flow into a trusted boundary"
  severity   = "high"
  stride     = ["spoofing", "elevation-of-privilege"]
  cwe        = ["CWE-306"]
  compliance = ["pci-dss-4.0:8.3.1", "nist-800-53-r5:IA-2", "nist-800-53-r5:AC-3", "dora:art9"]
  likelihood = 4
  impact     = 4
  target     = "flow"
  condition  = "to.trust == 'trusted' && from.trust != 'trusted' && has(e.authenticated) && !e.authenticated"
  message    = "{from.name} reaches {to.name} in a trusted boundary without authentication"
  remediation = "Authenticate the caller at the boundary (IAM auth, OIDC/JWT authorizer, mutual TLS) before the request reaches trusted components."
  description = <<-EOT
    A trusted zone is trusted because everything in it was let in on purpose. A flow
    from a less trusted zone that does not authenticate its caller lets anyone who
    can reach the endpoint act as a legitimate client.
  EOT
}

rule "TM-GRAPH-DATA-PLAIN-PROTOCOL" {
  title      = "Sensitive data sent over a plain-text protocol"
  severity   = "high"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-319"]
  compliance = ["pci-dss-4.0:4.2.1", "nist-800-53-r5:SC-8", "dora:art9", "osfi-b13:3.2"]
  likelihood = 3
  impact     = 5
  target     = "flow"
  condition  = "e.sensitivity >= 3 && has(e.encrypted) && !e.encrypted"
  message    = "{e.classification} data travels from {from.name} to {to.name} over unencrypted {e.protocol}"
  remediation = "Require TLS for this connection (for databases: rds.force_ssl / require_secure_transport; for HTTP: HTTPS only)."
  description = <<-EOT
    Confidential or restricted data in clear text can be captured by anyone with
    access to the network path, including compromised hosts inside the VPC.
  EOT
}
