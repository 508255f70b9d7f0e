resource "aws_elasticsearch_domain" "logs" {
  domain_name           = "logs"
  elasticsearch_version = "7.10"

  cluster_config {
    instance_type = "t3.small.elasticsearch"
  }
}

# expect: TM-AWS-ES-POLICY-PUBLIC
resource "aws_elasticsearch_domain_policy" "logs" {
  domain_name     = aws_elasticsearch_domain.logs.domain_name
  access_policies = <<-POLICIES
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": "es:*",
          "Principal": "*",
          "Effect": "Allow",
          "Resource": "${aws_elasticsearch_domain.logs.arn}/*"
        }
      ]
    }
  POLICIES
}

# expect: TM-AWS-ES-POLICY-PUBLIC
resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/search/*"
    }]
  })
}

resource "aws_opensearch_domain" "catalog" {
  domain_name    = "catalog"
  engine_version = "OpenSearch_2.13"
}

data "aws_iam_policy_document" "catalog" {
  statement {
    actions   = ["es:ESHttp*"]
    resources = ["${aws_opensearch_domain.catalog.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

# expect: TM-AWS-ES-POLICY-PUBLIC
resource "aws_opensearch_domain_policy" "catalog" {
  domain_name     = aws_opensearch_domain.catalog.domain_name
  access_policies = data.aws_iam_policy_document.catalog.json
}
