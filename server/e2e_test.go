package server

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binOut  []byte
)

// tmlsBinary builds cmd/tm-ls once per test run: the end-to-end tests drive the
// real binary over its stdio, with the real analysis and rule catalogue.
func tmlsBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tm-ls-e2e-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "tm-ls")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/tm-ls/tm-ls/cmd/tm-ls")
		binOut, binErr = cmd.CombinedOutput()
	})
	if binErr != nil {
		t.Fatalf("building tm-ls: %v\n%s", binErr, binOut)
	}
	return binPath
}

// syncWriter lets the server's stderr be read while it is written.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

const e2eMain = `# Name tag with é and 🔒 so that UTF-16 columns differ from bytes and graphemes
resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  tags = { Name = "wéb 🔒" }
}

resource "aws_s3_bucket" "logs" {
  bucket = "tm-ls-e2e-logs"
}
`

func TestEndToEndBinary(t *testing.T) {
	bin := tmlsBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	root := t.TempDir()
	stderr := &syncWriter{}
	proc, err := lsptest.Start(ctx, stderr, bin, "serve", "--stdio", "--log-level", "debug")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("server stderr:\n%s", stderr.String())
		}
	}()
	c := proc.Client
	if _, err := c.Initialize(ctx, pathToURI(root)); err != nil {
		t.Fatal(err)
	}
	mainURI := pathToURI(filepath.Join(root, "main.tf"))
	if err := c.Open(ctx, mainURI, e2eMain); err != nil {
		t.Fatal(err)
	}
	wait := func(uri string, what string, pred func(lsptest.Published) bool) lsptest.Published {
		t.Helper()
		wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
		defer wcancel()
		p, err := c.WaitDiagnostics(wctx, uri, pred)
		if err != nil {
			last, _ := c.Diagnostics(uri)
			t.Fatalf("%s: %v\nlast published: %+v", what, err, last)
		}
		return p
	}

	// 1. Diagnostics from the real rules.
	p := wait(mainURI, "IMDSv1 finding", lsptest.HasCode("TM-AWS-EC2-IMDSV1"))
	imds := *lsptest.FindCode(p.Diagnostics, "TM-AWS-EC2-IMDSV1")
	if imds.Severity != protocol.DiagnosticSeverityError || imds.Source != "tm-ls" ||
		imds.CodeDescription == nil || !strings.HasSuffix(string(imds.CodeDescription.Href), "#tm-aws-ec2-imdsv1") {
		t.Errorf("IMDSv1 diagnostic = %+v", imds)
	}
	if imds.Range.Start.Line != 1 {
		t.Errorf("IMDSv1 diagnostic on line %d, want the block header (1)", imds.Range.Start.Line)
	}
	if lsptest.FindCode(p.Diagnostics, "TM-AWS-S3-PUBLIC-ACCESS-BLOCK") == nil {
		t.Fatalf("no public access block finding on the bucket: %+v", p.Diagnostics)
	}

	// 2. Hover on the flagged range: title, compliance titles, risk, control.
	var h protocol.Hover
	if err := c.Call(ctx, "textDocument/hover", hoverAt(mainURI, imds.Range.Start.Line, imds.Range.Start.Character), &h); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"EC2 instance allows IMDSv1", "**Why it matters**", "**STRIDE**", "**CWE**", "**Compliance**", "likelihood", "**Recommended control**", "**Fix available** Require IMDSv2"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}

	// 3. The quick fix, applied by the client, clears the finding.
	var actions []protocol.CodeAction
	if err := c.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": mainURI}, "range": imds.Range,
		"context": map[string]any{"diagnostics": []protocol.Diagnostic{imds}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	var fix *protocol.CodeAction
	for i := range actions {
		if actions[i].IsPreferred && actions[i].Kind == protocol.QuickFix {
			fix = &actions[i]
			break
		}
	}
	if fix == nil {
		t.Fatalf("no preferred quick fix among %d actions: %+v", len(actions), actions)
	}
	if err := c.ApplyWorkspaceEdit(ctx, fix.Edit); err != nil {
		t.Fatal(err)
	}
	doc, _ := c.Doc(mainURI)
	if !strings.Contains(doc.Text, `http_tokens = "required"`) || !strings.Contains(doc.Text, `Name = "wéb 🔒"`) {
		t.Fatalf("fixed text:\n%s", doc.Text)
	}
	p = wait(mainURI, "IMDSv1 cleared after the fix", lsptest.LacksCode("TM-AWS-EC2-IMDSV1"))
	if p.Version == nil || *p.Version != doc.Version {
		t.Errorf("diagnostics after the fix carry version %v, want %d", p.Version, doc.Version)
	}

	// 4. Cross-file: a public access block in another file clears the bucket's finding.
	pabURI := pathToURI(filepath.Join(root, "pab.tf"))
	if err := c.Open(ctx, pabURI, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.Edit(ctx, pabURI, []protocol.TextEdit{{Range: rng(0, 0, 0, 0), NewText: `resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`}}); err != nil {
		t.Fatal(err)
	}
	wait(mainURI, "bucket finding cleared by pab.tf", lsptest.LacksCode("TM-AWS-S3-PUBLIC-ACCESS-BLOCK"))

	// 5. A file created on disk and reported by the watcher is analysed.
	diskPath := filepath.Join(root, "more.tf")
	if err := os.WriteFile(diskPath, []byte("resource \"aws_instance\" \"batch\" {\n  ami = \"ami-1\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify(ctx, "workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathToURI(diskPath), "type": 1}}}); err != nil {
		t.Fatal(err)
	}
	wait(pathToURI(diskPath), "finding in a new file on disk", lsptest.HasCode("TM-AWS-EC2-IMDSV1"))

	// 6. Commands over the real analysis.
	var sum riskSummaryResult
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.riskSummary"}, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Total == 0 || len(sum.Top) == 0 || sum.Top[0].Residual <= 0 || sum.Top[0].URI == "" {
		t.Errorf("risk summary = %+v", sum)
	}

	// 7. Shutdown and exit: the process ends with status 0.
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	code, err := proc.Wait(10 * time.Second)
	if err != nil || code != 0 {
		t.Fatalf("exit: code %d, %v", code, err)
	}
}

func TestEndToEndFixAllAndSuppress(t *testing.T) {
	bin := tmlsBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	root := t.TempDir()
	stderr := &syncWriter{}
	proc, err := lsptest.Start(ctx, stderr, bin, "serve")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("server stderr:\n%s", stderr.String())
		}
	}()
	c := proc.Client
	if _, err := c.Initialize(ctx, pathToURI(root)); err != nil {
		t.Fatal(err)
	}
	uri := pathToURI(filepath.Join(root, "main.tf"))
	text := "resource \"aws_instance\" \"a\" {\n  ami = \"x\"\n}\n\nresource \"aws_instance\" \"b\" {\n  ami = \"y\"\n}\n\n  resource \"aws_s3_bucket\" \"c\" {\n    bucket = \"c\"\n  }\n"
	if err := c.Open(ctx, uri, text); err != nil {
		t.Fatal(err)
	}
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
	defer wcancel()
	p, err := c.WaitDiagnostics(wctx, uri, lsptest.HasCode("TM-AWS-S3-VERSIONING"))
	if err != nil {
		t.Fatal(err)
	}
	count := func(p lsptest.Published, code string) int {
		n := 0
		for _, d := range p.Diagnostics {
			if d.Code == code {
				n++
			}
		}
		return n
	}
	if count(p, "TM-AWS-EC2-IMDSV1") != 2 {
		t.Fatalf("want two IMDSv1 findings: %+v", p.Diagnostics)
	}
	imds := *lsptest.FindCode(p.Diagnostics, "TM-AWS-EC2-IMDSV1")
	var perRule []protocol.CodeAction
	if err := c.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": imds.Range,
		"context": map[string]any{"diagnostics": []protocol.Diagnostic{imds}},
	}, &perRule); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range perRule {
		if a.Title == "Fix all TM-AWS-EC2-IMDSV1 in file" && a.Edit != nil && len(a.Edit.DocumentChanges) == 1 && len(a.Edit.DocumentChanges[0].Edits) == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no per-rule fix-all with two edits among %+v", perRule)
	}

	// Suppress the versioning finding of the indented bucket.
	vers := *lsptest.FindCode(p.Diagnostics, "TM-AWS-S3-VERSIONING")
	var actions []protocol.CodeAction
	if err := c.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": vers.Range,
		"context": map[string]any{"diagnostics": []protocol.Diagnostic{vers}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	var suppress *protocol.CodeAction
	for i := range actions {
		if actions[i].Title == "Suppress TM-AWS-S3-VERSIONING with a reason" {
			suppress = &actions[i]
		}
	}
	if suppress == nil {
		t.Fatalf("no suppress action: %+v", actions)
	}
	if err := c.ApplyWorkspaceEdit(ctx, suppress.Edit); err != nil {
		t.Fatal(err)
	}
	doc, _ := c.Doc(uri)
	if !strings.Contains(doc.Text, "\n  # tm:ignore:TM-AWS-S3-VERSIONING TODO: reason\n  resource \"aws_s3_bucket\" \"c\"") {
		t.Fatalf("suppression comment:\n%s", doc.Text)
	}
	if _, err := c.WaitDiagnostics(wctx, uri, lsptest.LacksCode("TM-AWS-S3-VERSIONING")); err != nil {
		t.Fatal(err)
	}

	// source.fixAll.tm-ls fixes both instances at once.
	if err := c.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng(0, 0, 0, 0),
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != sourceFixAll {
		t.Fatalf("fixAll actions = %+v", actions)
	}
	if err := c.ApplyWorkspaceEdit(ctx, actions[0].Edit); err != nil {
		t.Fatal(err)
	}
	after, err := c.WaitDiagnostics(wctx, uri, lsptest.LacksCode("TM-AWS-EC2-IMDSV1"))
	if err != nil {
		doc, _ := c.Doc(uri)
		t.Fatalf("%v\n%s", err, doc.Text)
	}
	doc, _ = c.Doc(uri)
	if strings.Count(doc.Text, `http_tokens = "required"`) != 2 {
		t.Errorf("fix all text:\n%s", doc.Text)
	}
	for _, d := range after.Diagnostics {
		if d.Code == "syntax" {
			t.Errorf("fix all broke the syntax: %s\n%s", d.Message, doc.Text)
		}
	}
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if code, err := proc.Wait(10 * time.Second); err != nil || code != 0 {
		t.Fatalf("exit: code %d, %v", code, err)
	}
}
