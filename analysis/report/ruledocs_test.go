package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

// TestRuleDocsUpToDate fails when docs/rules.md no longer matches the catalogue.
// Regenerate with: go test ./analysis/report -run TestRuleDocsUpToDate -update
func TestRuleDocsUpToDate(t *testing.T) {
	metas, diags, err := analysis.RuleCatalog(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Errorf("catalogue diagnostic: %s: %s", d.File, d.Summary)
	}
	var buf bytes.Buffer
	if err := RuleDocs(&buf, metas); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to generate it)", err)
	}
	if !bytes.Equal(have, buf.Bytes()) {
		t.Fatalf("docs/rules.md is out of date with the catalogue; run: go test ./analysis/report -run TestRuleDocsUpToDate -update")
	}
	// Every rule has its anchor.
	for _, m := range metas {
		if !strings.Contains(buf.String(), "\n### "+m.ID+"\n") {
			t.Errorf("no section for %s", m.ID)
		}
	}
}
