resource "aws_launch_template" "nodes" {
  name_prefix   = "nodes-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m5.large"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
    instance_metadata_tags      = "disabled"
  }
}
