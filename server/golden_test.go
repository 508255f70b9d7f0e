package server

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run go test -update if intended)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// TestGoldenProtocolOutput pins the exact JSON of diagnostics and the markdown of
// hovers for a fixed workspace and analyzer, so that any change in what editors
// receive shows up in review.
func TestGoldenProtocolOutput(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("main.tf", featureTF+"\nresource \"x\" \"y\" {\n  a = needs_provider # é🔒\n  b = \"BAD\"\n}\n")
	ts.initialize()
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-CROSS"))
	root := pathToURI(ts.root)
	diags, _ := json.MarshalIndent(p, "", "  ")
	golden(t, "diagnostics.json", strings.ReplaceAll(string(diags), root, "file:///ROOT")+"\n")

	for _, tc := range []struct {
		name      string
		line, col uint32
	}{{"hover_finding.md", 6, 10}, {"hover_resource.md", 1, 3}} {
		var h protocol.Hover
		if err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("main.tf"), tc.line, tc.col), &h); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.name, h.Contents.Value+"\n")
	}
}
