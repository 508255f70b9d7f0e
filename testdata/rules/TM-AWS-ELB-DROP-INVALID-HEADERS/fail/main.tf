# expect: TM-AWS-ELB-DROP-INVALID-HEADERS
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}
