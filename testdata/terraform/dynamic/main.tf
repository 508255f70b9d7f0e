variable "ports" {
  default = [22, 443]
}

variable "rules" {
  default = {
    web = { port = 80, cidrs = ["0.0.0.0/0"], notes = ["a", "b"] }
  }
}

variable "unknown_list" {
  type = list(number)
}

resource "aws_security_group" "sg" {
  name = "sg"

  ingress {
    description = "static"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  dynamic "egress" {
    for_each = var.rules
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = rule.value.cidrs

      dynamic "note" {
        for_each = rule.value.notes
        iterator = n
        content {
          text = "${rule.key}-${n.value}"
        }
      }
    }
  }
}

resource "aws_security_group" "unknown" {
  name = "unknown"

  dynamic "ingress" {
    for_each = var.unknown_list
    content {
      from_port = ingress.value
    }
  }
}
