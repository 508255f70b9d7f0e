# expect: TM-AWS-EKS-NODE-GROUP-SSH-OPEN
resource "aws_eks_node_group" "default" {
  cluster_name    = "main"
  node_group_name = "default"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-aaaa", "subnet-bbbb"]

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key = "ops"
  }
}
