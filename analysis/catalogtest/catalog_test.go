package catalogtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/rules"
)

// catalogDir and fixturesDir are relative to this package's directory, where `go test`
// runs.
const (
	catalogDir  = "../../rules/catalog"
	fixturesDir = "../../testdata/rules"
)

// loadCatalog compiles rules/catalog with the real rule engine. Rules that do not
// compile are left out (TestCatalogCompiles reports them).
func loadCatalog(t *testing.T) []*rules.Rule {
	t.Helper()
	rs, _ := rules.LoadDir(catalogDir)
	if len(rs) == 0 {
		t.Fatal("the catalogue has no rules")
	}
	return rs
}

// TestCatalogCompiles checks every built-in rule file with the engine's own parser and
// CEL environment, and the catalogue conventions the rest of the product relies on.
func TestCatalogCompiles(t *testing.T) {
	rs, diags := rules.LoadDir(catalogDir)
	for _, d := range diags {
		t.Errorf("%s:%d: %s: %s", d.File, d.Range.Start.Line, d.Summary, d.Detail)
	}
	aws := 0
	for _, r := range rs {
		m := r.Meta
		if !strings.HasPrefix(m.ID, "TM-") {
			t.Errorf("%s: rule IDs start with TM-", m.ID)
		}
		if strings.HasPrefix(m.ID, "TM-AWS-") {
			aws++
			if len(m.Compliance) == 0 {
				t.Errorf("%s: AWS rules cite at least one compliance requirement", m.ID)
			}
		}
		if m.Title == "" || m.Description == "" || m.Remediation == "" {
			t.Errorf("%s: title, description and remediation are required", m.ID)
		}
		if len(m.CWE) == 0 || len(m.Stride) == 0 || len(m.Resources) == 0 {
			t.Errorf("%s: cwe, stride and resource are required", m.ID)
		}
		if m.Likelihood < 1 || m.Likelihood > 5 || m.Impact < 1 || m.Impact > 5 {
			t.Errorf("%s: likelihood and impact must be 1..5, got %d and %d", m.ID, m.Likelihood, m.Impact)
		}
	}
	if aws < 45 {
		t.Errorf("the catalogue has %d AWS rules, want at least 45", aws)
	}
}

// TestEveryRuleHasFixtures requires a fail and a pass fixture directory, each with at
// least one .tf file, for every rule of the catalogue, and at least one `# expect:`
// marker of the rule in its fail fixture.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range loadCatalog(t) {
		id := r.Meta.ID
		missing := false
		for _, kind := range []string{"fail", "pass"} {
			dir := filepath.Join(fixturesDir, id, kind)
			if files, err := tfFiles(dir); err != nil || len(files) == 0 {
				t.Errorf("%s: no %s fixture (testdata/rules/%s/%s/*.tf)", id, kind, id, kind)
				missing = true
			}
		}
		if missing {
			continue
		}
		exp, err := readExpectations(filepath.Join(fixturesDir, id, "fail"))
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		n := 0
		for k, c := range exp {
			if k.Rule == id {
				n += c
			}
		}
		if n == 0 {
			t.Errorf("%s: the fail fixture has no `# expect: %s` marker", id, id)
		}
	}
}

// TestFixtureDirsNameRules catches fixture directories left behind by a renamed rule.
func TestFixtureDirsNameRules(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range loadCatalog(t) {
		ids[r.Meta.ID] = true
	}
	entries, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !ids[e.Name()] {
			t.Errorf("testdata/rules/%s names no rule of the catalogue", e.Name())
		}
	}
}
