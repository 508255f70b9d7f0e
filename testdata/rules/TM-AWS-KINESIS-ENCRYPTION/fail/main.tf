locals {
  streams = {
    clicks   = 2
    payments = 4
  }
}

# expect: TM-AWS-KINESIS-ENCRYPTION x2
resource "aws_kinesis_stream" "this" {
  for_each = local.streams

  name             = each.key
  shard_count      = each.value
  retention_period = 48
}

# expect: TM-AWS-KINESIS-ENCRYPTION
resource "aws_kinesis_stream" "audit" {
  name            = "audit"
  encryption_type = "NONE"

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
