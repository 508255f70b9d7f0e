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

// TestDiskUnchangedEqualsColdLoad checks that a Load trusting the previous one for
// the disk (Options.DiskUnchanged) sees the same workspace as a cold Load: files
// and syntax errors, skipped files, registry modules found through modules.json,
// files once open and now closed; and that without the flag a change on disk is
// read.
func TestDiskUnchangedEqualsColdLoad(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"main.tf":                         "module \"reg\" {\n  source = \"acme/bucket/aws\"\n  name   = \"r\"\n}\nresource \"aws_instance\" \"a\" {\n  ami = \"ami-1\"\n}\n",
		"broken.tf":                       "resource \"aws_instance\" \"b\" {\n  ami = \n",
		"binary.tf":                       "resource \x00",
		"env/x.tf":                        "resource \"aws_instance\" \"x\" {\n  ami = \"ami-x\"\n}\n",
		"terraform.tfvars":                "region = \"eu\"\n",
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"reg","Source":"registry.terraform.io/acme/bucket/aws","Dir":".terraform/modules/reg"}]}`,
		".terraform/modules/reg/main.tf":  "variable \"name\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.name\n}\n",
	})
	ctx := context.Background()
	cache := NewCache()
	dump := func(ws *Workspace) string {
		b, _ := json.MarshalIndent(goldenOf(ws), "", " ")
		return string(b)
	}
	prev, err := Load(ctx, Options{Root: dir, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if ws := dump(prev); !contains(ws, "module.reg.aws_s3_bucket.this") || !contains(ws, "skipped-file") {
		t.Fatalf("the workspace does not cover registry modules and skipped files:\n%s", ws)
	}
	main := filepath.Join(dir, "main.tf")
	steps := []map[string][]byte{
		{main: []byte("resource \"aws_instance\" \"a\" {\n  ami = \"ami-2\"\n}\n")},
		{main: []byte("resource \"aws_instance\" \"a\" {\n  ami = \"ami-2\"\n}\n"), filepath.Join(dir, "env/new.tf"): []byte("resource \"aws_instance\" \"n\" {}\n")},
		{}, // every buffer closed: the disk again
	}
	for i, ov := range steps {
		ws, err := Load(ctx, Options{Root: dir, Cache: cache, Previous: prev, DiskUnchanged: true, Overlays: ov})
		if err != nil {
			t.Fatal(err)
		}
		cold, err := Load(ctx, Options{Root: dir, Overlays: ov})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := dump(ws), dump(cold); got != want {
			t.Fatalf("step %d: a Load trusting the previous disk differs from a cold one:\n%s", i, lineDiff(want, got))
		}
		prev = ws
	}
	// A change on disk: read without the flag.
	writeTree(t, dir, map[string]string{"env/x.tf": "resource \"aws_instance\" \"x\" {\n  ami = \"ami-changed\"\n}\n"})
	ws, err := Load(ctx, Options{Root: dir, Cache: cache, Previous: prev})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(dump(ws), "ami-changed") {
		t.Fatal("a Load without DiskUnchanged did not read the changed file")
	}
}
