# expect: TM-AWS-ATHENA-WORKGROUP-ENCRYPTION
resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true

    result_configuration {
      output_location = "s3://example-athena-results/analysts/"
    }
  }
}

# No configuration at all.
# expect: TM-AWS-ATHENA-WORKGROUP-ENCRYPTION
resource "aws_athena_workgroup" "adhoc" {
  name = "adhoc"
}
