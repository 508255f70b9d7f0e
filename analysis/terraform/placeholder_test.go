package terraform

import (
	"encoding/base64"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// TestJSONWithUnknownParts: JSON documents with parts known only after apply keep
// their known parts (the unknown ones become model.UnknownInJSON), through
// jsonencode, heredoc templates, locals and module arguments; other values with
// unknown parts stay unknown.
func TestJSONWithUnknownParts(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"main.tf": `
variable "unset" { type = string }
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
locals {
  doc = jsonencode({ Statement = [{ Effect = "Deny", Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"] }] })
}
resource "aws_s3_bucket_policy" "encoded" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Resource = "${aws_s3_bucket.b.arn}/*", Count = 2 }] })
}
resource "aws_s3_bucket_policy" "heredoc" {
  bucket = aws_s3_bucket.b.id
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Resource": "${aws_s3_bucket.b.arn}/*"}]}
EOT
}
resource "aws_s3_bucket_policy" "local" {
  bucket = aws_s3_bucket.b.id
  policy = local.doc
}
resource "aws_s3_bucket_policy" "whole" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode(var.unset)
}
resource "aws_security_group_rule" "r" {
  type        = "ingress"
  description = "${var.unset}-ssh"
  cidr_blocks = ["${var.unset}/32"]
}
module "m" {
  source = "./m"
  policy = jsonencode({ Resource = aws_s3_bucket.b.arn })
}
`,
		"m/main.tf": `
variable "policy" {}
resource "aws_iam_policy" "p" {
  policy = var.policy
}
`,
	})
	ws := load(t, Options{Root: dir})
	u := model.UnknownInJSON
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket_policy.encoded").Attrs, "policy"),
		`{"Statement":[{"Count":2,"Effect":"Allow","Principal":"*","Resource":"`+u+`"}]}`)
	if got := attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket_policy.heredoc").Attrs, "policy").AsString(); !jsonEqual(t, got, `{"Statement":[{"Effect":"Allow","Resource":"`+u+`/*"}]}`) {
		t.Errorf("heredoc policy %s", got)
	}
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket_policy.local").Attrs, "policy"),
		`{"Statement":[{"Effect":"Deny","Resource":["`+u+`","`+u+`"]}]}`)
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "module.m.aws_iam_policy.p").Attrs, "policy"), `{"Resource":"`+u+`"}`)
	wantUnknown(t, attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket_policy.whole").Attrs, "policy"))
	rule := mustLookup(t, ws, ".", "aws_security_group_rule.r")
	wantUnknown(t, attrOf(t, rule.Attrs, "description"))
	wantUnknown(t, attrOf(t, rule.Attrs, "cidr_blocks.0"))
}

// TestScriptWithUnknownParts: a boot script interpolating values known only after
// apply keeps its known text (for the secret rules), also inside base64encode();
// an interpolation alone stays unknown.
func TestScriptWithUnknownParts(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.tf": `
resource "aws_db_instance" "db" {}
resource "aws_instance" "a" {
  user_data = "host=${aws_db_instance.db.endpoint}\npass=literal"
}
resource "aws_launch_template" "b" {
  user_data = base64encode("host=${aws_db_instance.db.endpoint}")
}
resource "aws_instance" "c" {
  user_data = "${aws_db_instance.db.endpoint}"
  tags      = { Name = "n-${aws_db_instance.db.id}" }
}
`})
	ws := load(t, Options{Root: dir})
	u := model.UnknownInJSON
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_instance.a").Attrs, "user_data"), "host="+u+"\npass=literal")
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_launch_template.b").Attrs, "user_data"), base64.StdEncoding.EncodeToString([]byte("host="+u)))
	c := mustLookup(t, ws, ".", "aws_instance.c")
	wantUnknown(t, attrOf(t, c.Attrs, "user_data"))
	wantUnknown(t, attrOf(t, c.Attrs, "tags.Name"))
}
