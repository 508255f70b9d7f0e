variable "encryption_type" {
  type = string
}

resource "aws_kinesis_stream" "clicks" {
  name            = "clicks"
  shard_count     = 1
  encryption_type = var.encryption_type
  kms_key_id      = "alias/aws/kinesis"
}
