# A three-tier web application on AWS: an internet-facing load balancer, a web tier
# in an auto scaling group, a PostgreSQL database and an S3 bucket for uploads.
# It is written the way real workspaces are (variables, a local module, split S3
# resources, for_each) and carries realistic mistakes for tm-ls to find.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "${var.project}-${var.environment}"
  tags = {
    Project     = var.project
    Environment = var.environment
  }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  tags                 = local.tags
}

resource "aws_subnet" "public" {
  for_each                = var.public_subnets
  vpc_id                  = aws_vpc.main.id
  cidr_block              = each.value
  availability_zone       = each.key
  map_public_ip_on_launch = true
  tags                    = merge(local.tags, { Tier = "public" })
}

resource "aws_subnet" "private" {
  for_each          = var.private_subnets
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value
  availability_zone = each.key
  tags              = merge(local.tags, { Tier = "private" })
}

module "web" {
  source        = "./modules/web"
  name          = local.name
  vpc_id        = aws_vpc.main.id
  subnet_ids    = [for s in aws_subnet.private : s.id]
  instance_type = var.instance_type
  admin_cidrs   = var.admin_cidrs
}
