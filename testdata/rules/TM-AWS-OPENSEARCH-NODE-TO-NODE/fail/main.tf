# expect: TM-AWS-OPENSEARCH-NODE-TO-NODE
resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"

  node_to_node_encryption {
    enabled = false
  }
}
