variable "enforce_workgroup_configuration" {
  type    = bool
  default = false
}

# expect: TM-AWS-ATHENA-WORKGROUP-NOT-ENFORCED
resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    enforce_workgroup_configuration = var.enforce_workgroup_configuration

    result_configuration {
      output_location = "s3://example-athena-results/analysts/"

      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}
