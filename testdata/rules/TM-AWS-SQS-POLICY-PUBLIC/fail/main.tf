resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

# expect: TM-AWS-SQS-POLICY-PUBLIC
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:jobs"
    }]
  })
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
}

data "aws_iam_policy_document" "orders" {
  statement {
    actions   = ["sqs:SendMessage", "sqs:ReceiveMessage"]
    resources = [aws_sqs_queue.orders.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

# The queue ARN is unknown until apply; the public statement is not.
# expect: TM-AWS-SQS-POLICY-PUBLIC
resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy    = data.aws_iam_policy_document.orders.json
}
