variable "name" { type = string }
variable "vpc_id" { type = string }
variable "subnet_ids" { type = list(string) }
variable "instance_type" { type = string }
variable "admin_cidrs" { type = list(string) }

resource "aws_security_group" "web" {
  name   = "${var.name}-web"
  vpc_id = var.vpc_id

  ingress {
    description = "SSH for operators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }
}

resource "aws_launch_template" "web" {
  name_prefix            = "${var.name}-web-"
  image_id               = "ami-0123456789abcdef0"
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data = base64encode(<<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    /opt/shop/start.sh
  EOT
  )
}

resource "aws_autoscaling_group" "web" {
  name                = "${var.name}-web"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = var.subnet_ids
  target_group_arns   = [aws_lb_target_group.web.arn]

  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
}

resource "aws_lb_target_group" "web" {
  name     = "${var.name}-web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id
}

output "target_group_arn" { value = aws_lb_target_group.web.arn }
output "security_group_id" { value = aws_security_group.web.id }
