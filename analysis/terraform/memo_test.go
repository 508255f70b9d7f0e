package terraform

import (
	"context"
	"encoding/json"
	"math/rand"
	"path/filepath"
	"sort"
	"testing"
)

// memoVariants are the versions each file of the block-reuse test workspace can
// take: values read by other blocks change, blocks that others reference come and
// go, a reference cycle appears, a syntax error, module and tfvars edits.
var memoVariants = map[string][]string{
	"stacks/app/main.tf": {
		`variable "env" { default = "dev" }
locals {
  name = "app-${var.env}"
  tags = { env = var.env, owner = "team" }
}
module "logs" {
  source = "../../modules/bucket"
  count  = 2
  name   = "${local.name}-logs-${count.index}"
}
resource "aws_instance" "web" {
  ami           = "ami-1"
  tags          = local.tags
  user_data     = aws_s3_bucket.data.bucket
  subnet_id     = module.logs[0].bucket_id
}
`,
		`variable "env" { default = "prod" }
locals {
  name = "app-${var.env}"
  tags = { env = var.env, owner = "team" }
}
module "logs" {
  source = "../../modules/bucket"
  count  = 1
  name   = "${local.name}-logs-${count.index}"
}
resource "aws_instance" "web" {
  ami           = "ami-1"
  tags          = local.tags
  user_data     = aws_s3_bucket.data.bucket
}
`,
		`variable "env" { default = "dev" }
locals {
  name = "app-${var.env}"
  tags = { env = var.env, owner = "other" }
  loop = aws_instance.web.ami
}
resource "aws_instance" "web" {
  ami       = local.loop
  tags      = local.tags
  user_data = aws_s3_bucket.data.bucket
}
`,
		`variable "env" { default = "dev" }
locals {
  name = "app-${var.env}"
  tags = { env = var.env, owner = "team" }
resource "aws_instance" "web" {
`,
	},
	"stacks/app/net.tf": {
		`resource "aws_security_group" "web" {
  name = "${local.name}-web"
  tags = local.tags
}
resource "aws_security_group_rule" "in" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  cidr_blocks       = ["0.0.0.0/0"]
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
}
`,
		`resource "aws_security_group" "web" {
  name = "${local.name}-web"
  tags = local.tags
}
`,
		`resource "aws_security_group" "web" {
  name = "fixed"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`,
	},
	"stacks/app/s3.tf": {
		`resource "aws_s3_bucket" "data" {
  bucket = "${local.name}-data"
}
resource "aws_s3_bucket_public_access_block" "data" {
  bucket              = aws_s3_bucket.data.id
  block_public_acls   = true
  block_public_policy = true
}
resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}
`,
		`resource "aws_s3_bucket" "data" {
  bucket = "${local.name}-data"
}
`,
		`resource "aws_s3_bucket" "data" {
  for_each = toset(["a", "b"])
  bucket   = "${local.name}-${each.key}"
}
resource "aws_s3_bucket_versioning" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  versioning_configuration {
    status = "Suspended"
  }
}
`,
		``,
	},
	"stacks/app/late.tf": {
		``,
		`resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}
`,
		`locals {
  extra = aws_security_group.web.name
}
resource "aws_instance" "db" {
  ami  = local.extra
  tags = local.tags
}
`,
	},
	"stacks/app/terraform.tfvars": {
		``,
		`env = "stage"
`,
	},
	"modules/bucket/main.tf": {
		`variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
output "bucket_id" { value = aws_s3_bucket.this.id }
`,
		`variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = "${var.name}-v2"
}
resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}
output "bucket_id" { value = aws_s3_bucket.this.bucket }
`,
	},
	"stacks/other/main.tf": {
		`resource "aws_instance" "x" {
  ami = "ami-2"
}
`,
		`resource "aws_instance" "x" {
  ami = "ami-3"
}
`,
	},
}

// TestBlockReuseEqualsColdLoad applies random sequences of file versions and checks
// after every step that a Load reusing the previous one (roots and blocks) equals a
// cold Load of the same text, resources, relations and diagnostics alike, and that
// blocks were in fact reused along the way.
func TestBlockReuseEqualsColdLoad(t *testing.T) {
	dir := t.TempDir()
	files := make([]string, 0, len(memoVariants))
	current := map[string]string{}
	for rel, vs := range memoVariants {
		files = append(files, rel)
		current[rel] = vs[0]
	}
	writeTree(t, dir, current)
	ctx := context.Background()
	cache := NewCache()
	overlays := func() map[string][]byte {
		ov := map[string][]byte{}
		for rel, text := range current {
			ov[filepath.Join(dir, filepath.FromSlash(rel))] = []byte(text)
		}
		return ov
	}
	prev, err := Load(ctx, Options{Root: dir, Cache: cache, Overlays: overlays()})
	if err != nil {
		t.Fatal(err)
	}
	reusedBlocks := 0
	for seed := int64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewSource(seed))
		for step := 0; step < 60; step++ {
			// Sort for determinism: map order is random.
			names := append([]string(nil), files...)
			sort.Strings(names)
			rel := names[rng.Intn(len(names))]
			vs := memoVariants[rel]
			current[rel] = vs[rng.Intn(len(vs))]
			ws, err := Load(ctx, Options{Root: dir, Cache: cache, Previous: prev, Overlays: overlays()})
			if err != nil {
				t.Fatal(err)
			}
			cold, err := Load(ctx, Options{Root: dir, Overlays: overlays()})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(goldenOf(ws), "", " ")
			want, _ := json.MarshalIndent(goldenOf(cold), "", " ")
			if string(got) != string(want) {
				t.Fatalf("seed %d step %d (%s): the incremental Load differs from a cold one:\n%s", seed, step, rel, lineDiff(string(want), string(got)))
			}
			reusedBlocks += ws.ReusedBlocks()
			prev = ws
		}
	}
	if reusedBlocks == 0 {
		t.Fatal("no block was ever reused: the test does not exercise block reuse")
	}
	t.Logf("%d blocks reused over the sequences", reusedBlocks)
}
