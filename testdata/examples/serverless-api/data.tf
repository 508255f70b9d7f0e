resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  attribute {
    name = "order_id"
    type = "S"
  }
}

resource "aws_sqs_queue" "events" {
  name                    = "order-events"
  sqs_managed_sse_enabled = true
}

resource "aws_sns_topic" "alerts" {
  name = "order-alerts"
}

resource "aws_sqs_queue" "audit" {
  name = "order-audit"
}

resource "aws_sns_topic_subscription" "audit" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.audit.arn
}
