# A root module that turns on EBS encryption by default for the account: the
# volume that does not say `encrypted` is encrypted all the same.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 20
}
