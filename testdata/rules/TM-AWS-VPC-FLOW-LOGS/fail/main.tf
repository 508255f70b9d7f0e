# expect: TM-AWS-VPC-FLOW-LOGS
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

# A subnet-level flow log does not cover the VPC.
resource "aws_flow_log" "subnet" {
  subnet_id       = aws_subnet.a.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::acme-flow-logs"
  log_destination_type = "s3"
}
