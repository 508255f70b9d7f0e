# Default: SSE-SQS is on for new queues.
resource "aws_sqs_queue" "default" {
  name = "default"
}

resource "aws_kms_key" "sqs" {
  description         = "SQS"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "kms" {
  name                              = "kms"
  kms_master_key_id                 = aws_kms_key.sqs.arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "managed" {
  name                    = "managed"
  sqs_managed_sse_enabled = true
}
