variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "project" {
  type    = string
  default = "shop"
}

variable "environment" {
  type = string
}

variable "public_subnets" {
  type = map(string)
  default = {
    "eu-west-1a" = "10.20.0.0/24"
    "eu-west-1b" = "10.20.1.0/24"
  }
}

variable "private_subnets" {
  type = map(string)
  default = {
    "eu-west-1a" = "10.20.10.0/24"
    "eu-west-1b" = "10.20.11.0/24"
  }
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "db_public" {
  type    = bool
  default = false
}

variable "certificate_arn" {
  type = string
}
