resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  image_id    = "ami-0123456789abcdef0"

  iam_instance_profile {
    name = "nodes"
  }

  user_data = base64encode(<<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh prod-cluster
  EOT
  )
}
