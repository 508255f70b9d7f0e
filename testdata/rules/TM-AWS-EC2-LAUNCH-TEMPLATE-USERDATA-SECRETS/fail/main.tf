locals {
  bootstrap = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAQ3EGRTLXKZ7W5N2P
    export AWS_SECRET_ACCESS_KEY=9drTJvcXLB89EXAMPLEx1vK2bQtZ7LmN0pR3sU4w
  EOT
}

# expect: TM-AWS-EC2-LAUNCH-TEMPLATE-USERDATA-SECRETS
resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  image_id    = "ami-0123456789abcdef0"
  user_data   = base64encode(local.bootstrap)
}
