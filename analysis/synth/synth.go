// Package synth writes deterministic synthetic Terraform workspaces of mixed AWS
// resources, used to benchmark loading and analysis at realistic scale.
package synth

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// DefaultFiles and DefaultResources are the benchmark workspace's size.
const (
	DefaultFiles     = 1000
	DefaultResources = 10000
)

// template writes one group of related blocks and returns how many resource
// instances (data sources included) it declares.
type template func(b *strings.Builder, id string, r *rand.Rand) int

var templates = []template{
	// S3 bucket, inline (v3) style.
	func(b *strings.Builder, id string, r *rand.Rand) int {
		fmt.Fprintf(b, `resource "aws_s3_bucket" "inline_%[1]s" {
  bucket = "${local.prefix}-inline-%[1]s"
  acl    = "%[2]s"
  versioning {
    enabled = %[3]t
  }
  tags = local.tags
}

`, id, pick(r, "private", "public-read", "log-delivery-write"), r.Intn(2) == 0)
		return 1
	},
	// S3 bucket, split (v4) style.
	func(b *strings.Builder, id string, r *rand.Rand) int {
		fmt.Fprintf(b, `resource "aws_s3_bucket" "split_%[1]s" {
  bucket = "${local.prefix}-split-%[1]s"
  tags   = merge(local.tags, { Name = "split-%[1]s" })
}

resource "aws_s3_bucket_versioning" "split_%[1]s" {
  bucket = aws_s3_bucket.split_%[1]s.id
  versioning_configuration {
    status = "%[2]s"
  }
}

resource "aws_s3_bucket_public_access_block" "split_%[1]s" {
  bucket                  = aws_s3_bucket.split_%[1]s.id
  block_public_acls       = true
  block_public_policy     = %[3]t
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "split_%[1]s" {
  bucket = aws_s3_bucket.split_%[1]s.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.key_%[1]s.arn
    }
  }
}

resource "aws_kms_key" "key_%[1]s" {
  description         = "key for split-%[1]s"
  enable_key_rotation = %[4]t
}

`, id, pick(r, "Enabled", "Suspended"), r.Intn(2) == 0, r.Intn(3) > 0)
		return 5
	},
	// Security group with static and dynamic rules, a rule resource and an instance.
	func(b *strings.Builder, id string, r *rand.Rand) int {
		fmt.Fprintf(b, `resource "aws_security_group" "sg_%[1]s" {
  name   = "sg-%[1]s"
  vpc_id = var.vpc_id

  ingress {
    from_port   = %[2]d
    to_port     = %[2]d
    protocol    = "tcp"
    cidr_blocks = ["%[3]s"]
  }

  dynamic "ingress" {
    for_each = var.extra_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.vpc_cidr]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "ssh_%[1]s" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["%[3]s"]
  security_group_id = aws_security_group.sg_%[1]s.id
}

resource "aws_instance" "vm_%[1]s" {
  ami                    = var.ami
  instance_type          = "%[4]s"
  vpc_security_group_ids = [aws_security_group.sg_%[1]s.id]
  user_data              = base64encode("#!/bin/sh\necho %[1]s\n")
  metadata_options {
    http_tokens = "%[5]s"
  }
  root_block_device {
    encrypted = %[6]t
  }
  tags = local.tags
}

`, id, pickInt(r, 22, 80, 443, 3389), pick(r, "0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16"),
			pick(r, "t3.micro", "m5.large"), pick(r, "required", "optional"), r.Intn(2) == 0)
		return 3
	},
	// RDS and an IAM policy written with jsonencode, plus a policy document.
	func(b *strings.Builder, id string, r *rand.Rand) int {
		fmt.Fprintf(b, `resource "aws_db_instance" "db_%[1]s" {
  identifier          = "db-%[1]s"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = %[2]t
  publicly_accessible = %[3]t
  username            = "admin"
  password            = var.db_password
  tags                = local.tags
}

resource "aws_iam_policy" "pol_%[1]s" {
  name = "pol-%[1]s"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["%[4]s"]
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "doc_%[1]s" {
  statement {
    sid       = "Read%[1]s"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::${local.prefix}-%[1]s/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_iam_role_policy" "rp_%[1]s" {
  name   = "rp-%[1]s"
  role   = "role-%[1]s"
  policy = data.aws_iam_policy_document.doc_%[1]s.json
}

`, id, r.Intn(2) == 0, r.Intn(4) == 0, pick(r, "s3:GetObject", "*", "iam:PassRole", "ec2:Describe*"))
		return 4
	},
	// Lambda with environment, count and for_each.
	func(b *strings.Builder, id string, r *rand.Rand) int {
		fmt.Fprintf(b, `resource "aws_lambda_function" "fn_%[1]s" {
  count         = 2
  function_name = "fn-%[1]s-${count.index}"
  role          = "arn:aws:iam::${var.account_id}:role/fn"
  handler       = "index.handler"
  runtime       = "%[2]s"
  environment {
    variables = {
      STAGE = var.env
      INDEX = count.index
    }
  }
}

resource "aws_cloudwatch_log_group" "logs_%[1]s" {
  for_each          = toset(["a", "b", "c"])
  name              = "/aws/lambda/fn-%[1]s-${each.key}"
  retention_in_days = %[3]d
}

`, id, pick(r, "nodejs18.x", "python3.12", "go1.x"), pickInt(r, 0, 7, 30, 365))
		return 5
	},
}

func pick(r *rand.Rand, s ...string) string { return s[r.Intn(len(s))] }
func pickInt(r *rand.Rand, s ...int) int    { return s[r.Intn(len(s))] }

const rootVariables = `variable "env" {
  default = "prod"
}

variable "vpc_id" {
  default = "vpc-123456"
}

variable "vpc_cidr" {
  default = "10.0.0.0/16"
}

variable "extra_ports" {
  default = [8080, 8443]
}

variable "ami" {
  default = "ami-0abcdef1234567890"
}

variable "account_id" {
  default = "123456789012"
}

variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  prefix = "acme-${var.env}"
  tags = {
    Environment = var.env
    Team        = "platform"
  }
}
`

const bucketModule = `variable "name" {}

variable "versioned" {
  default = true
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.versioned ? "Enabled" : "Suspended"
  }
}

output "name" {
  value = aws_s3_bucket.this.bucket
}
`

const netModule = `variable "cidr" {}

variable "name" {}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = { Name = var.name }
}

resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 8, count.index)
  map_public_ip_on_launch = true
}

resource "aws_flow_log" "this" {
  vpc_id       = aws_vpc.this.id
  traffic_type = "ALL"
}

output "vpc_id" {
  value = aws_vpc.this.id
}
`

// Generate writes a workspace of about `files` .tf files declaring about
// `resources` resource instances into dir (created if needed). The same arguments
// always produce the same bytes.
func Generate(dir string, files, resources int, seed int64) error {
	if files < 4 {
		files = 4
	}
	r := rand.New(rand.NewSource(seed))
	write := func(rel, content string) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		return nil
	}
	if err := write("modules/bucket/main.tf", bucketModule); err != nil {
		return err
	}
	if err := write("modules/net/main.tf", netModule); err != nil {
		return err
	}
	// Root modules ("stacks"), each with its variables and locals; the first also
	// calls the local modules.
	stacks := files / 50
	if stacks < 1 {
		stacks = 1
	}
	for st := 0; st < stacks; st++ {
		if err := write(fmt.Sprintf("stacks/s%02d/variables.tf", st), rootVariables); err != nil {
			return err
		}
	}
	// Module calls: 4 buckets (2 resources each) and 2 networks (4 each).
	calls := `module "buckets" {
  source    = "../../modules/bucket"
  count     = 4
  name      = "${local.prefix}-mod-${count.index}"
  versioned = count.index % 2 == 0
}

module "net" {
  source   = "../../modules/net"
  for_each = { a = "10.1.0.0/16", b = "10.2.0.0/16" }
  cidr     = each.value
  name     = "net-${each.key}"
}

resource "aws_s3_bucket_logging" "mod_logs" {
  bucket        = module.buckets[0].name
  target_bucket = module.buckets[1].name
  target_prefix = "logs/"
}
`
	if err := write("stacks/s00/modules.tf", calls); err != nil {
		return err
	}
	made := 4*2 + 2*4 + 1
	dataFiles := files - 3 - stacks
	if dataFiles < 1 {
		dataFiles = 1
	}
	for i := 0; i < dataFiles; i++ {
		var b strings.Builder
		want := (resources - made) / (dataFiles - i)
		n := 0
		for k := 0; n < want; k++ {
			id := fmt.Sprintf("f%d_%d", i, k)
			n += templates[r.Intn(len(templates))](&b, id, r)
		}
		made += n
		if err := write(fmt.Sprintf("stacks/s%02d/main_%04d.tf", i%stacks, i), b.String()); err != nil {
			return err
		}
	}
	return nil
}
