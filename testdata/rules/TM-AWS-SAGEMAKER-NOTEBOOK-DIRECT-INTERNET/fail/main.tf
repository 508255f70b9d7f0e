# In a subnet, but still with direct access (the default).
# expect: TM-AWS-SAGEMAKER-NOTEBOOK-DIRECT-INTERNET
resource "aws_sagemaker_notebook_instance" "research" {
  name            = "research"
  role_arn        = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type   = "ml.t3.medium"
  subnet_id       = "subnet-aaaa"
  security_groups = ["sg-0123456789abcdef0"]
  root_access     = "Disabled"
}

# No subnet: only the managed network is available, so no automatic fix.
# expect: TM-AWS-SAGEMAKER-NOTEBOOK-DIRECT-INTERNET
resource "aws_sagemaker_notebook_instance" "scratch" {
  name                   = "scratch"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
  root_access            = "Disabled"
}
