package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

// TestDriftQuickFix: a threat model claiming a resource the Terraform no longer has
// gets a diagnostic whose quick fix removes the stale reference; applied, the drift
// is gone.
func TestDriftQuickFix(t *testing.T) {
	ts := startServer(t, Options{})
	src := filepath.Join("..", "testdata", "analysis", "drift")
	for _, f := range []string{"main.tf", "threat-model.tm.hcl"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		ts.write(f, string(b))
	}
	ts.initialize()
	tm := ts.uri("threat-model.tm.hcl")
	text, _ := os.ReadFile(filepath.Join(ts.root, "threat-model.tm.hcl"))
	if err := ts.c.Open(ts.ctx, tm, string(text)); err != nil {
		t.Fatal(err)
	}
	p := ts.waitDiags("threat-model.tm.hcl", lsptest.HasCode("drift-missing-resource"))
	d := *lsptest.FindCode(p.Diagnostics, "drift-missing-resource")
	var actions []protocol.CodeAction
	if err := ts.c.Call(ts.ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": tm}, "range": d.Range,
		"context": map[string]any{"diagnostics": []protocol.Diagnostic{d}}}, &actions); err != nil {
		t.Fatal(err)
	}
	var fix *protocol.CodeAction
	for i := range actions {
		if strings.HasPrefix(actions[i].Title, "Remove the stale reference to aws_s3_bucket.gone") {
			fix = &actions[i]
		}
	}
	if fix == nil || fix.Edit == nil {
		t.Fatalf("no quick fix for the stale reference: %+v", actions)
	}
	if err := ts.c.ApplyWorkspaceEdit(ts.ctx, fix.Edit); err != nil {
		t.Fatal(err)
	}
	doc, _ := ts.c.Doc(tm)
	if !strings.Contains(doc.Text, "terraform = [aws_db_instance.db]") {
		t.Errorf("edited text:\n%s", doc.Text)
	}
	ts.waitDiags("threat-model.tm.hcl", func(p lsptest.Published) bool {
		return lsptest.FindCode(p.Diagnostics, "drift-missing-resource") == nil
	})
}
