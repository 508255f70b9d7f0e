# Graph rules over attack paths. `e` is the shortest path from an untrusted actor
# to a component holding sensitive data.

rule "TM-GRAPH-ATTACK-PATH" {
  title      = "Attack path from an untrusted actor to sensitive data"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-4", "dora:art9", "osfi-b13:3.2"]
  likelihood = 3
  impact     = 5
  target     = "path"
  condition  = "e.sensitivity >= 3"
  message    = "{e.source} can reach {e.target_name} ({e.classification} data) in {e.hops} hop(s)"
  remediation = "Break the path at its weakest step: close the internet rule, put the datastore in a private subnet with no public access, and require authentication on every hop."
  description = <<-EOT
    Each step of the path is a flow the infrastructure allows. An attacker who
    controls the first element can try every step in turn; the shorter the path and
    the weaker its steps, the more likely the data is reached.
  EOT
}
