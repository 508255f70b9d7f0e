rule "ACME-BROKEN" {
  title      = "Broken condition"
  severity   = "urgent"
  likelihood = 3
  impact     = 3
  resource   = ["aws_instance"]
  condition  = "r.ami =="
  colour     = "red"
}
