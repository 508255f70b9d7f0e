variable "kms_key_id" {
  type    = string
  default = "alias/aws/kinesis"
}

resource "aws_kinesis_stream" "clicks" {
  name             = "clicks"
  shard_count      = 2
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = var.kms_key_id
}
