package terraform

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

func TestSyntaxErrorKeepsTheRest(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "syntax_error")})
	mustLookup(t, ws, ".", "aws_s3_bucket.good")
	mustLookup(t, ws, ".", "aws_s3_bucket.ok_before")
	var syn *model.Diagnostic
	for i, d := range ws.Diagnostics {
		if d.Code == "syntax" {
			syn = &ws.Diagnostics[i]
		}
	}
	if syn == nil || syn.Severity != model.SeverityHigh || syn.File != "bad.tf" || syn.Range.Start.Line != 7 {
		t.Fatalf("syntax diagnostic %+v", syn)
	}
	if f := ws.Files["bad.tf"]; f == nil || !f.Syntax.HasErrors() {
		t.Error("the file with the error is not in Files with its diagnostics")
	}
	checkGolden(t, "syntax_error", ws)
}

func TestSkippedFiles(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "skipped"), MaxFileSize: 4096})
	mustLookup(t, ws, ".", "aws_s3_bucket.ok")
	for _, name := range []string{"latin1", "bin", "big"} {
		if ws.Lookup(".", "aws_s3_bucket."+name) != nil {
			t.Errorf("%s was not skipped", name)
		}
	}
	for _, want := range []string{"not valid UTF-8", "binary content", "over the 4096 byte limit"} {
		if !hasDiag(ws, "skipped-file", want) {
			t.Errorf("no skipped-file diagnostic %q: %v", want, ws.Diagnostics)
		}
	}
	checkGolden(t, "skipped", ws)
	// With the default limit the big file loads.
	ws = load(t, Options{Root: fixture(t, "skipped")})
	mustLookup(t, ws, ".", "aws_s3_bucket.big")
}

func TestTFJSON(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "tf_json")})
	b := mustLookup(t, ws, ".", "aws_s3_bucket.b")
	wantString(t, attrOf(t, b.Attrs, "bucket"), "app-dev")
	wantString(t, attrOf(t, b.Attrs, "tags.Env"), "dev")
	if v := attrOf(t, b.Attrs, "versioning.0.enabled"); !v.RawEquals(cty.True) {
		t.Errorf("json split resource not joined: %#v", ctyJSON(b.Attrs))
	}
	if !ws.Files["main.tf.json"].JSON {
		t.Error("JSON flag")
	}
	checkGolden(t, "tf_json", ws)
}

func TestOverlaysWin(t *testing.T) {
	root := fixture(t, "overlay")
	ws := load(t, Options{Root: root, Overlays: map[string][]byte{
		filepath.Join(root, "main.tf"):       []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"from-buffer\"\n}\n"),
		filepath.Join(root, "new.tf"):        []byte("resource \"aws_sqs_queue\" \"q\" {\n  name = aws_s3_bucket.b.bucket\n}\n"),
		filepath.Join(root, "notes.txt"):     []byte("ignored"),
		filepath.Join(root, "../outside.tf"): []byte("resource \"x\" \"y\" {}"),
	}})
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket.b").Attrs, "bucket"), "from-buffer")
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_sqs_queue.q").Attrs, "name"), "from-buffer")
	if len(ws.Files) != 2 {
		t.Errorf("files %v", ws.Files)
	}
	ws = load(t, Options{Root: root})
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket.b").Attrs, "bucket"), "on-disk")
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestSymlinkLoopTerminates(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"a/main.tf":     `resource "aws_s3_bucket" "a" { bucket = "a" }`,
		"b/c/main.tf":   `resource "aws_s3_bucket" "c" { bucket = "c" }`,
		"shared/mod.tf": `resource "aws_s3_bucket" "s" { bucket = "s" }`,
	})
	for link, target := range map[string]string{"a/loop": "..", "b/c/self": ".", "b/c/up": "../..", "linked": "shared"} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	ws := load(t, Options{Root: root})
	mustLookup(t, ws, "a", "aws_s3_bucket.a")
	mustLookup(t, ws, "b/c", "aws_s3_bucket.c")
	// shared is reached once, either as itself or through the link.
	n := 0
	for _, r := range ws.Resources {
		if r.Type == "aws_s3_bucket" && r.Name == "s" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("shared module loaded %d times", n)
	}
}

func TestExcludeAndHiddenDirs(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"main.tf":                   `resource "aws_s3_bucket" "root" { bucket = "r" }`,
		"examples/x/main.tf":        `resource "aws_s3_bucket" "ex" { bucket = "e" }`,
		"vendor/deep/a/main.tf":     `resource "aws_s3_bucket" "v" { bucket = "v" }`,
		".git/main.tf":              `resource "aws_s3_bucket" "git" { bucket = "g" }`,
		"node_modules/m/main.tf":    `resource "aws_s3_bucket" "nm" { bucket = "n" }`,
		".terraform/providers/x.tf": `resource "aws_s3_bucket" "tf" { bucket = "t" }`,
		"keep/skip_me.tf":           `resource "aws_s3_bucket" "skip" { bucket = "s" }`,
		"keep/main.tf":              `resource "aws_s3_bucket" "keep" { bucket = "k" }`,
	})
	ws := load(t, Options{Root: root, Exclude: []string{"examples/**", "vendor/*", "**/skip_me.tf"}})
	var got []string
	for _, r := range ws.Resources {
		got = append(got, r.Root+":"+r.Address)
	}
	want := ".:aws_s3_bucket.root keep:aws_s3_bucket.keep"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestCacheReusesParsedFiles(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"a.tf": `resource "aws_s3_bucket" "a" { bucket = "a" }`,
		"b.tf": `resource "aws_s3_bucket" "b" { bucket = "b" }`,
	})
	c := NewCache()
	ws1 := load(t, Options{Root: root, Cache: c})
	decoded := c.mods["."]
	load(t, Options{Root: root, Cache: c})
	if decoded == nil || c.mods["."] != decoded {
		t.Error("an unchanged module directory was decoded again")
	}
	ws2 := load(t, Options{Root: root, Cache: c, Overlays: map[string][]byte{
		filepath.Join(root, "b.tf"): []byte(`resource "aws_s3_bucket" "b" { bucket = "edited" }`),
	}})
	if ws1.Files["a.tf"] != ws2.Files["a.tf"] {
		t.Error("unchanged file was parsed again")
	}
	if ws1.Files["b.tf"] == ws2.Files["b.tf"] {
		t.Error("edited file was not parsed again")
	}
	wantString(t, attrOf(t, mustLookup(t, ws2, ".", "aws_s3_bucket.b").Attrs, "bucket"), "edited")
	if c.mods["."] == decoded {
		t.Error("an edited module directory was not decoded again")
	}
	// Without the overlay the disk content is back.
	ws3 := load(t, Options{Root: root, Cache: c})
	wantString(t, attrOf(t, mustLookup(t, ws3, ".", "aws_s3_bucket.b").Attrs, "bucket"), "b")
	// A file changed on disk is read again.
	if err := os.WriteFile(filepath.Join(root, "a.tf"), []byte(`resource "aws_s3_bucket" "a" { bucket = "changed on disk" }`), 0o644); err != nil {
		t.Fatal(err)
	}
	ws4 := load(t, Options{Root: root, Cache: c})
	wantString(t, attrOf(t, mustLookup(t, ws4, ".", "aws_s3_bucket.a").Attrs, "bucket"), "changed on disk")
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(context.Background(), Options{Root: filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Error("missing root: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	root := writeFiles(t, map[string]string{"a.tf": `resource "x" "y" {}`})
	if _, err := Load(ctx, Options{Root: root}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestHostileInput must finish without panicking and keep the sane parts.
func TestHostileInput(t *testing.T) {
	deep := "locals {\n  x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n}\n"
	nested := "locals {\n  y = " + strings.Repeat("{a = ", 200) + "1" + strings.Repeat("}", 200) + "\n}\n"
	root := writeFiles(t, map[string]string{
		"deep.tf":   deep,
		"nested.tf": nested,
		"main.tf": `
locals {
  huge  = 1e999999
  big   = 123456789012345678901234567890
  neg   = -1e308 * 1e308
  many  = range(100000)
  bad   = 1 / 0
}

resource "aws_instance" "huge_count" {
  count = 1e12
  ami   = "x"
}

resource "aws_instance" "negative" {
  count = -3
}

resource "aws_instance" "weird" {
  ami       = local.huge
  user_data = local.big
  tags      = { a = local.neg, b = local.bad, c = length(local.many), d = local.y }
}

resource "aws_instance" "self_ref" {
  ami = aws_instance.self_ref.ami
}

resource "aws_instance" "for_each_bad" {
  for_each = [1, [2]]
  ami      = each.key
}

resource "aws_instance" "ok" {
  ami = "ami-ok"
}

module "self" {
  source = "./"
}
`,
	})
	ws := load(t, Options{Root: root})
	mustLookup(t, ws, ".", "aws_instance.ok")
	if !hasDiag(ws, "skipped-file", "brackets nested 5001 deep") {
		t.Errorf("deep file: %v", ws.Diagnostics)
	}
	if !hasDiag(ws, "expansion-limit", "") {
		t.Errorf("count 1e12 should be capped: %v", ws.Diagnostics)
	}
	n := 0
	for _, r := range ws.Resources {
		if r.BaseAddress == "aws_instance.huge_count" {
			n++
		}
	}
	if n != maxInstances {
		t.Errorf("huge_count instances %d", n)
	}
	mustLookup(t, ws, ".", "aws_instance.for_each_bad[*]")
	wantUnknown(t, attrOf(t, mustLookup(t, ws, ".", "aws_instance.self_ref").Attrs, "ami"))
	if !hasDiag(ws, "module-cycle", `Module "self"`) || ws.Lookup(".", "module.self.aws_instance.ok") != nil {
		t.Errorf("a module calling its own directory must stop: %v", ws.Diagnostics)
	}
	w := mustLookup(t, ws, ".", "aws_instance.weird")
	// range() refuses to build 100000 elements: unknown rather than a huge list.
	wantUnknown(t, attrOf(t, w.Attrs, "tags.c"))
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_instance.ok").Attrs, "ami"), "ami-ok")
	if ws.Lookup(".", "aws_instance.negative[0]") != nil {
		t.Error("negative count made instances")
	}
}

// TestPathsAreExactByteRanges checks Paths against the source text.
func TestPathsAreExactByteRanges(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "dynamic")})
	f := ws.Files["main.tf"]
	sg := mustLookup(t, ws, ".", "aws_security_group.sg")
	text := func(p string, value bool) string {
		loc, ok := sg.Paths[p]
		if !ok {
			t.Fatalf("no path %s", p)
		}
		r := loc.Range
		if value {
			r = loc.Value
		}
		return string(f.Bytes[r.Start.Byte:r.End.Byte])
	}
	for p, want := range map[string]string{
		"name":                  `name = "sg"`,
		"ingress.0.description": `description = "static"`,
		"ingress.0.cidr_blocks": `cidr_blocks = ["10.0.0.0/8"]`,
		"ingress.1.from_port":   `from_port   = ingress.value`,
		"egress.0.note.0.text":  `text = "${rule.key}-${n.value}"`,
		"egress.0.cidr_blocks":  `cidr_blocks = rule.value.cidrs`,
	} {
		if got := text(p, false); got != want {
			t.Errorf("%s: range text %q, want %q", p, got, want)
		}
	}
	if got := text("ingress.0.cidr_blocks", true); got != `["10.0.0.0/8"]` {
		t.Errorf("value range %q", got)
	}
	if got := text("ingress.0", true); got != "ingress" {
		t.Errorf("block header %q", got)
	}
	if got := text("ingress.2", false); !strings.HasPrefix(got, "content {") || !strings.HasSuffix(got, "}") {
		t.Errorf("dynamic block range %q", got)
	}
	if got := string(f.Bytes[sg.DeclRange.Start.Byte:sg.DeclRange.End.Byte]); got != `resource "aws_security_group" "sg"` {
		t.Errorf("decl range %q", got)
	}
	if got := string(f.Bytes[sg.BodyRange.Start.Byte:sg.BodyRange.End.Byte]); !strings.HasPrefix(got, "resource") || !strings.HasSuffix(got, "}") {
		t.Errorf("body range %q", got)
	}
	// Every path of every fixture resource is a valid range of its file.
	for _, r := range ws.Resources {
		for p, loc := range r.Paths {
			if loc.Range.End.Byte > len(f.Bytes) || loc.Range.Start.Byte > loc.Range.End.Byte {
				t.Errorf("%s %s: bad range %+v", r.Address, p, loc.Range)
			}
		}
	}
	if _, ok := ws.Files["main.tf"].Body.(*hclsyntax.Body); !ok {
		t.Error("native file body is not *hclsyntax.Body")
	}
}

// TestPanicBecomesDiagnostic drives evalInstance with a malformed body (an attribute
// without an expression) that panics inside the evaluator.
func TestPanicBecomesDiagnostic(t *testing.T) {
	l := &loader{ctx: context.Background(), unknownFns: map[string]bool{}}
	re := &rootEval{l: l, root: ".", funcs: baseFuncs()}
	in := re.newInstance(decodeModule(".", nil), nil, "", nil, nil, 0)
	rd := &resourceDecl{typ: "aws_s3_bucket", name: "b", key: "aws_s3_bucket.b", file: &File{Path: "a.tf"},
		syn: &hclsyntax.Body{Attributes: hclsyntax.Attributes{"bad": &hclsyntax.Attribute{Name: "bad"}}}}
	r := in.evalInstance(rd, in.ctxFor(nil), "aws_s3_bucket.b", expansion{})
	if r == nil || !r.Attrs.RawEquals(cty.EmptyObjectVal) {
		t.Fatalf("resource after panic: %+v", r)
	}
	if len(l.diags) != 1 || l.diags[0].Code != "internal" || !strings.Contains(l.diags[0].Summary, "aws_s3_bucket.b") {
		t.Errorf("diagnostics %+v", l.diags)
	}
}

func TestMutuallyCallingModulesAreStillEvaluated(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"a/main.tf": "module \"b\" {\n  source = \"../b\"\n}\nresource \"aws_sqs_queue\" \"a\" {\n  name = \"a\"\n}\n",
		"b/main.tf": "module \"a\" {\n  source = \"../a\"\n}\nresource \"aws_sqs_queue\" \"b\" {\n  name = \"b\"\n}\n",
	})
	ws := load(t, Options{Root: root})
	mustLookup(t, ws, "a", "aws_sqs_queue.a")
	mustLookup(t, ws, "a", "module.b.aws_sqs_queue.b")
	if !hasDiag(ws, "module-cycle", "") {
		t.Errorf("diagnostics %v", ws.Diagnostics)
	}
}

func TestNestedExpansionIsBounded(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"main.tf":    "module \"a\" {\n  source = \"./m1\"\n  count  = 1000\n}\n",
		"m1/main.tf": "module \"b\" {\n  source = \"../m2\"\n  count  = 1000\n}\n",
		"m2/main.tf": "resource \"aws_sqs_queue\" \"q\" {\n  count = 1000\n  name  = \"q\"\n}\n",
	})
	ws := load(t, Options{Root: root, instanceLimit: 5000})
	if n := len(ws.Resources); n == 0 || n > 5000 {
		t.Errorf("%d resources", n)
	}
	if !hasDiag(ws, "expansion-limit", "more than") {
		t.Errorf("diagnostics %v", ws.Diagnostics)
	}
}

func TestByteOrderMarkAndCRLF(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"main.tf":   "\xef\xbb\xbfresource \"aws_s3_bucket\" \"b\" {\r\n  bucket = \"bom\"\r\n}\r\n",
		"x.tf.json": "\xef\xbb\xbf{\"resource\": {\"aws_sqs_queue\": {\"q\": {\"name\": \"q\"}}}}",
	})
	ws := load(t, Options{Root: root})
	if len(ws.Diagnostics) != 0 {
		t.Errorf("diagnostics %v", ws.Diagnostics)
	}
	b := mustLookup(t, ws, ".", "aws_s3_bucket.b")
	loc := b.Paths["bucket"]
	if got := string(ws.Files["main.tf"].Bytes[loc.Range.Start.Byte:loc.Range.End.Byte]); got != `bucket = "bom"` {
		t.Errorf("range text %q", got)
	}
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_sqs_queue.q").Attrs, "name"), "q")
}

func TestConcurrentLoadsShareACache(t *testing.T) {
	c := NewCache()
	root := fixture(t, "module_local")
	done := make(chan *Workspace, 4)
	for i := 0; i < 4; i++ {
		go func() {
			ws, err := Load(context.Background(), Options{Root: root, Cache: c})
			if err != nil {
				t.Error(err)
			}
			done <- ws
		}()
	}
	var n []int
	for i := 0; i < 4; i++ {
		ws := <-done
		if ws != nil {
			n = append(n, len(ws.Resources))
			ws.Related(ws.Resources[0], "aws_s3_bucket")
		}
	}
	for _, x := range n {
		if x != n[0] || x == 0 {
			t.Errorf("resource counts differ: %v", n)
		}
	}
}

func TestLocalModuleOutsideWorkspace(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"main.tf": "module \"shared\" {\n  source = \"../../elsewhere\"\n}\nmodule \"empty\" {\n  source = \"./empty\"\n}\n",
	})
	ws := load(t, Options{Root: root})
	if !hasDiag(ws, "unresolved-module", "outside the workspace") {
		t.Errorf("diagnostics %v", ws.Diagnostics)
	}
}

func TestMissingLabelIsReported(t *testing.T) {
	root := writeFiles(t, map[string]string{"main.tf": "resource \"aws_s3_bucket\" {\n  bucket = \"x\"\n}\nresource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n"})
	ws := load(t, Options{Root: root})
	mustLookup(t, ws, ".", "aws_s3_bucket.a")
	if !hasDiag(ws, "syntax", "") || ws.Diagnostics[0].Range.Start.Line != 1 {
		t.Errorf("diagnostics %v", ws.Diagnostics)
	}
	root = writeFiles(t, map[string]string{
		"a.tf": "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"first\"\n}\n",
		"b.tf": "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"second\"\n}\n",
	})
	ws = load(t, Options{Root: root})
	wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_s3_bucket.a").Attrs, "bucket"), "first")
	if !hasDiag(ws, "duplicate-declaration", "Duplicate aws_s3_bucket.a") || ws.Diagnostics[0].File != "b.tf" {
		t.Errorf("diagnostics %v", ws.Diagnostics)
	}
}

// TestUnsupportedBlockIsReported: a misspelt block type (Terraform rejects it) is
// an error at the block, not a resource that silently disappears; the blocks
// Terraform knows, modern ones included, raise nothing.
func TestUnsupportedBlockIsReported(t *testing.T) {
	root := writeFiles(t, map[string]string{"main.tf": `resouce "aws_s3_bucket" "b" {
  acl = "public-read"
}
moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.new
}
import {
  to = aws_s3_bucket.new
  id = "new"
}
check "health" {}
removed {
  from = aws_s3_bucket.gone
}
terraform {}
provider "aws" {}
resource "aws_s3_bucket" "new" {}
`})
	ws := load(t, Options{Root: root})
	var got []string
	for _, d := range ws.Diagnostics {
		if d.Severity >= model.SeverityMedium {
			got = append(got, fmt.Sprintf("%s %d %s", d.Code, d.Range.Start.Line, d.Summary))
		}
	}
	if strings.Join(got, "\n") != `unsupported-block 1 Unsupported block type "resouce"` {
		t.Errorf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
	mustLookup(t, ws, ".", "aws_s3_bucket.new")
}
