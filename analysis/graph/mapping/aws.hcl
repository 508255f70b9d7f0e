# How AWS Terraform resources become elements of the threat-model graph.
# component "TYPE": kind, and the attribute paths that give its facts:
#   encrypted / encrypted_default   at-rest encryption (true or a non-empty value = yes)
#   public / public_unless / public_always   internet-facing
#   backup / backup_default          backups (true or a number > 0 = yes)
#   waf, rate_limit                  attributes that attach a WAF / throttling
#   network = true                   lives inside a VPC (joins its boundary)
#   protocol, port, transit          how other components talk to it (transit: tls|plain)
provider "aws" {
  audit      = ["aws_cloudtrail"]
  backup     = ["aws_backup_selection"]
  waf        = ["aws_wafv2_web_acl_association", "aws_waf_web_acl_association", "aws_wafregional_web_acl_association"]
  rate_limit = ["aws_api_gateway_usage_plan", "aws_api_gateway_method_settings"]
  guards     = ["aws_security_group"]
  identities = ["aws_iam_role", "aws_iam_instance_profile", "aws_launch_template", "aws_launch_configuration"]
  grants     = ["aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_policy", "aws_iam_policy_document"]
}

boundary "aws_vpc" {
  trust = "trusted"
}

network "aws_subnet" {
  parent = "vpc_id"
  public = "map_public_ip_on_launch"
}
network "aws_db_subnet_group" {
  parent = "subnet_ids"
}
network "aws_elasticache_subnet_group" {
  parent = "subnet_ids"
}
network "aws_security_group" {
  parent = "vpc_id"
}

component "aws_instance" {
  kind    = "compute"
  network = true
  public  = "associate_public_ip_address"
}
component "aws_autoscaling_group" {
  kind    = "compute"
  network = true
}
component "aws_ecs_service" {
  kind    = "service"
  network = true
}
component "aws_eks_cluster" {
  kind   = "service"
  public = "vpc_config.0.endpoint_public_access"
}
component "aws_lambda_function" {
  kind = "function"
}
component "aws_lb" {
  kind          = "load-balancer"
  network       = true
  public_unless = "internal"
}
component "aws_alb" {
  kind          = "load-balancer"
  network       = true
  public_unless = "internal"
}
component "aws_elb" {
  kind          = "load-balancer"
  network       = true
  public_unless = "internal"
}
component "aws_cloudfront_distribution" {
  kind          = "cdn"
  public_always = true
  waf           = "web_acl_id"
}
component "aws_api_gateway_rest_api" {
  kind          = "gateway"
  public_always = true
}
component "aws_apigatewayv2_api" {
  kind          = "gateway"
  public_always = true
  protocol      = "https"
  port          = 443
  transit       = "tls"
}
component "aws_db_instance" {
  kind      = "datastore"
  network   = true
  encrypted = "storage_encrypted"
  public    = "publicly_accessible"
  backup    = "backup_retention_period"
  port      = 5432
  protocol  = "tcp"
}
component "aws_rds_cluster" {
  kind           = "datastore"
  network        = true
  encrypted      = "storage_encrypted"
  backup         = "backup_retention_period"
  backup_default = true
}
component "aws_dynamodb_table" {
  kind              = "datastore"
  encrypted         = "server_side_encryption.0.enabled"
  encrypted_default = true
  backup            = "point_in_time_recovery.0.enabled"
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "aws_s3_bucket" {
  kind              = "datastore"
  encrypted         = "server_side_encryption_configuration"
  encrypted_default = true
  backup            = "versioning.0.enabled"
  public            = "acl"
  public_if_in      = ["public-read", "public-read-write"]
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "aws_efs_file_system" {
  kind      = "datastore"
  encrypted = "encrypted"
  network   = true
}
component "aws_elasticache_replication_group" {
  kind      = "datastore"
  network   = true
  encrypted = "at_rest_encryption_enabled"
  transit   = "plain"
  port      = 6379
  protocol  = "redis"
}
component "aws_redshift_cluster" {
  kind      = "datastore"
  network   = true
  encrypted = "encrypted"
  public    = "publicly_accessible"
}
component "aws_opensearch_domain" {
  kind      = "datastore"
  encrypted = "encrypt_at_rest.0.enabled"
}
component "aws_docdb_cluster" {
  kind      = "datastore"
  network   = true
  encrypted = "storage_encrypted"
  backup    = "backup_retention_period"
}
component "aws_sqs_queue" {
  kind              = "queue"
  encrypted         = "sqs_managed_sse_enabled"
  encrypted_default = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "aws_sns_topic" {
  kind      = "queue"
  encrypted = "kms_master_key_id"
  protocol  = "https"
  port      = 443
  transit   = "tls"
}
component "aws_kinesis_stream" {
  kind      = "queue"
  encrypted = "encryption_type"
  protocol  = "https"
  port      = 443
  transit   = "tls"
}
component "aws_msk_cluster" {
  kind    = "queue"
  network = true
}
component "aws_secretsmanager_secret" {
  kind              = "secret"
  encrypted_default = true
  protocol          = "https"
  port              = 443
  transit           = "tls"
}
component "aws_kms_key" {
  kind     = "identity"
  protocol = "https"
  port     = 443
  transit  = "tls"
}
component "aws_cognito_user_pool" {
  kind          = "identity"
  public_always = true
}
component "aws_sfn_state_machine" {
  kind = "function"
}
component "aws_ecr_repository" {
  kind = "datastore"
}
component "aws_sagemaker_endpoint" {
  kind = "ml-model"
}

# connector "TYPE": a resource that links two components. from/to are attribute
# paths whose references name the endpoints; protocol/port are attribute paths or
# fixed values.
connector "aws_lb_listener" {
  from           = "load_balancer_arn"
  to             = "default_action.0.target_group_arn"
  protocol_attr  = "protocol"
  port_attr      = "port"
  entry          = true
}
connector "aws_alb_listener" {
  from          = "load_balancer_arn"
  to            = "default_action.0.target_group_arn"
  protocol_attr = "protocol"
  port_attr     = "port"
  entry         = true
}
connector "aws_lb_target_group_attachment" {
  from = "target_group_arn"
  to   = "target_id"
}
connector "aws_apigatewayv2_integration" {
  from     = "api_id"
  to       = "integration_uri"
  protocol = "aws-api"
}
connector "aws_api_gateway_integration" {
  from     = "rest_api_id"
  to       = "uri"
  protocol = "aws-api"
}
connector "aws_lambda_event_source_mapping" {
  from     = "event_source_arn"
  to       = "function_name"
  protocol = "aws-api"
}
connector "aws_sns_topic_subscription" {
  from     = "topic_arn"
  to       = "endpoint"
  protocol = "aws-api"
}
connector "aws_cloudwatch_event_target" {
  from     = "rule"
  to       = "arn"
  protocol = "aws-api"
}
connector "aws_s3_bucket_notification" {
  from     = "bucket"
  to       = "lambda_function.0.lambda_function_arn"
  protocol = "aws-api"
}
connector "aws_lambda_permission" {
  from     = "source_arn"
  to       = "function_name"
  protocol = "aws-api"
}

# exposure "TYPE": a resource that opens a component to the internet. target is the
# attribute that names the component; auth the attribute whose value "NONE" means
# callers are not authenticated.
exposure "aws_lambda_function_url" {
  target   = "function_name"
  protocol = "https"
  port     = 443
  auth     = "authorization_type"
}
exposure "aws_apigatewayv2_route" {
  target   = "api_id"
  protocol = "https"
  port     = 443
  auth     = "authorization_type"
}
exposure "aws_api_gateway_method" {
  target   = "rest_api_id"
  protocol = "https"
  port     = 443
  auth     = "authorization"
}
