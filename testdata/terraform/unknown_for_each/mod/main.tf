variable "name" {}

resource "aws_sqs_queue" "q" {
  name                    = var.name
  sqs_managed_sse_enabled = true
}
