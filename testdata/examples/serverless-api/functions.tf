data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "orders" {
  name               = "orders-fn"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

data "aws_iam_policy_document" "orders" {
  statement {
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.orders.arn]
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]
  }
}

resource "aws_iam_role_policy" "orders" {
  name   = "orders"
  role   = aws_iam_role.orders.id
  policy = data.aws_iam_policy_document.orders.json
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "orders.zip"

  environment {
    variables = {
      TABLE     = aws_dynamodb_table.orders.name
      QUEUE_URL = aws_sqs_queue.events.url
    }
  }
}

resource "aws_iam_role" "notify" {
  name               = "notify-fn"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_iam_policy" "notify" {
  name = "notify"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sns:Publish"]
      Resource = aws_sns_topic.alerts.arn
    }]
  })
}

resource "aws_iam_role_policy_attachment" "notify" {
  role       = aws_iam_role.notify.name
  policy_arn = aws_iam_policy.notify.arn
}

resource "aws_lambda_function" "notify" {
  function_name = "notify"
  role          = aws_iam_role.notify.arn
  runtime       = "python3.12"
  handler       = "notify.handler"
  filename      = "notify.zip"
}

resource "aws_lambda_event_source_mapping" "events" {
  event_source_arn = aws_sqs_queue.events.arn
  function_name    = aws_lambda_function.notify.arn
  batch_size       = 10
}
