# Defaults: public endpoint, open to 0.0.0.0/0.
# expect: TM-AWS-EKS-PUBLIC-ENDPOINT
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  }
}
