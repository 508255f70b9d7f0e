# expect: TM-AWS-IAM-SERVICE-WILDCARD
resource "aws_iam_policy" "s3_all" {
  name = "s3-all"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

# expect: TM-AWS-IAM-SERVICE-WILDCARD
resource "aws_iam_role_policy" "ec2" {
  name   = "ec2"
  role   = "ops"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["ec2:*", "cloudwatch:GetMetricData"], "Resource": ["*"]}
      ]
    }
  EOT
}

data "aws_iam_policy_document" "dynamo" {
  statement {
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
}

# expect: TM-AWS-IAM-SERVICE-WILDCARD
resource "aws_iam_group_policy" "data" {
  name   = "data"
  group  = "data"
  policy = data.aws_iam_policy_document.dynamo.json
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

data "aws_iam_policy_document" "mixed" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
  }

  statement {
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

# The document's JSON is unknown (it names a queue ARN), its wildcard statement is not.
# expect: TM-AWS-IAM-SERVICE-WILDCARD
resource "aws_iam_user_policy" "mixed" {
  name   = "mixed"
  user   = "deployer"
  policy = data.aws_iam_policy_document.mixed.json
}
