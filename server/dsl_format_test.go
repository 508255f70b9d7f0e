package server

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

func TestDSLFormatting(t *testing.T) {
	ts := dslSession(t)
	format := func(uri string) []protocol.TextEdit {
		t.Helper()
		var edits []protocol.TextEdit
		params := map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}
		if err := ts.c.Call(ts.ctx, "textDocument/formatting", params, &edits); err != nil {
			t.Fatal(err)
		}
		return edits
	}

	// The fixture is formatted already: no edits.
	if edits := format(ts.uri("model.tm.hcl")); len(edits) != 0 {
		t.Errorf("formatted file got edits: %+v", edits)
	}

	uri := ts.uri("extra.tm.hcl")
	messy := "# «café» 🔒\ndata \"cards\" {\nclassification=\"restricted\"\n      description = \"numéros 🔒\"\n}\n"
	want := "# «café» 🔒\ndata \"cards\" {\n  classification = \"restricted\"\n  description    = \"numéros 🔒\"\n}\n"
	if err := ts.c.Open(ts.ctx, uri, messy); err != nil {
		t.Fatal(err)
	}
	edits := format(uri)
	if len(edits) != 1 {
		t.Fatalf("want one full-document edit, got %+v", edits)
	}
	// The edit spans the whole document; the last line is empty (after the final newline).
	if edits[0].Range != rng(0, 0, 5, 0) {
		t.Errorf("edit range = %v, want the whole document", edits[0].Range)
	}
	got, err := lsptest.ApplyEdits(messy, edits)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("formatted:\n%s\nwant:\n%s", got, want)
	}

	// Without a trailing newline, the range ends after the last (non-ASCII) character
	// in UTF-16 units: "# 🔒" is 4 units.
	if err := ts.c.Replace(ts.ctx, uri, "data \"x\" {\nclassification=\"public\"\n}\n# 🔒"); err != nil {
		t.Fatal(err)
	}
	edits = format(uri)
	if len(edits) != 1 || edits[0].Range != rng(0, 0, 3, 4) {
		t.Errorf("edits without a final newline = %+v, want one edit ending at 3:4", edits)
	}

	// Syntax errors: no edits and no error.
	if err := ts.c.Replace(ts.ctx, uri, "data \"x\" {\nclassification = \n"); err != nil {
		t.Fatal(err)
	}
	if edits := format(uri); len(edits) != 0 {
		t.Errorf("broken file got edits: %+v", edits)
	}
	// Terraform files are not formatted by this handler.
	if edits := format(ts.uri("main.tf")); len(edits) != 0 {
		t.Errorf("main.tf got edits: %+v", edits)
	}
}
