rule "ACME-WRONG" {
  title      = "A rule whose fixture disagrees with it"
  severity   = "low"
  likelihood = 1
  impact     = 1
  resource   = ["aws_instance"]
  condition  = "false"
  description = "Never fires, but its fail fixture expects a finding."
}
