variable "notebooks" {
  type    = set(string)
  default = ["alice", "bob"]
}

# expect: TM-AWS-SAGEMAKER-NOTEBOOK-ROOT x2
resource "aws_sagemaker_notebook_instance" "user" {
  for_each = var.notebooks

  name                   = "nb-${each.key}"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-aaaa"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = "Disabled"
}
