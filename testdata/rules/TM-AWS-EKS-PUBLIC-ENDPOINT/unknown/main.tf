variable "public_access_cidrs" {
  type = list(string)
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids          = ["subnet-0123456789abcdef0"]
    public_access_cidrs = var.public_access_cidrs
  }
}
