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
