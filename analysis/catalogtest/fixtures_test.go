package catalogtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// fixtureProblems returns the error diagnostics about the fixture's own files and the
// rules that failed (a runtime error, such as a missing key, on a fixture resource);
// diagnostics about rule files belong to TestCatalogCompiles.
func fixtureProblems(res *analysis.Result) []string {
	var out []string
	for _, d := range res.Diagnostics {
		if d.Code == "rule-error" || d.Severity >= model.SeverityHigh && d.Code != "rule-file" && !strings.HasPrefix(d.File, "builtin:") {
			out = append(out, fmt.Sprintf("%s:%d: %s %s", d.File, d.Range.Start.Line, d.Summary, d.Detail))
		}
	}
	return out
}

// analyze runs a full analysis of a fixture directory.
func analyze(t *testing.T, dir string) *analysis.Result {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := analysis.Analyze(ctx, analysis.Options{Root: abs, ShowUnknown: true})
	if err != nil {
		t.Fatalf("analysing %s: %v", dir, err)
	}
	return res
}

// findingSites maps the open findings of one rule to the resource block they belong
// to: the file and header line of the flagged resource (for a resource inside a
// module, its block in the module's source), counted once per instance.
func findingSites(t *testing.T, res *analysis.Result, ruleID string) map[site]int {
	t.Helper()
	byAddr := map[string][]*model.Resource{}
	for _, r := range res.Resources {
		byAddr[r.Address] = append(byAddr[r.Address], r)
	}
	out := map[site]int{}
	for _, f := range res.Findings {
		if f.RuleID != ruleID || f.Status != model.Open {
			continue
		}
		rs := byAddr[f.Resource]
		if len(rs) != 1 {
			t.Errorf("finding %s: %d resources have address %q", f.ID, len(rs), f.Resource)
			continue
		}
		r := rs[0]
		out[site{Rule: ruleID, File: filepath.ToSlash(r.File), Line: r.DeclRange.Start.Line}]++
	}
	return out
}

// undecidedNote explains a missing finding when the rule was undecided there.
func undecidedNote(res *analysis.Result, s site) string {
	var notes []string
	for _, u := range res.Undecided {
		if u.RuleID == s.Rule && filepath.ToSlash(u.File) == s.File {
			notes = append(notes, fmt.Sprintf("undecided on %s: %s", u.Resource, u.Reason))
		}
	}
	return strings.Join(notes, "; ")
}

// ruleDirs lists the fixture directories, one per rule.
func ruleDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids
}

// TestFixtures analyses every rule's fail fixture and requires exactly the findings
// its `# expect:` markers announce (for that rule: other rules may fire too); its pass
// fixture, which must give no finding of the rule and decide it everywhere; and its
// optional unknown fixture, where the rule must be undecided rather than open.
func TestFixtures(t *testing.T) {
	for _, id := range ruleDirs(t) {
		t.Run(id, func(t *testing.T) {
			failDir := filepath.Join(fixturesDir, id, "fail")
			want, err := readExpectations(failDir)
			if err != nil {
				t.Fatal(err)
			}
			for s := range want {
				if s.Rule != id {
					delete(want, s)
				}
			}
			res := analyze(t, failDir)
			for _, p := range fixtureProblems(res) {
				t.Errorf("fail fixture: %s", p)
			}
			got := findingSites(t, res, id)
			for s, n := range want {
				if got[s] != n {
					t.Errorf("fail fixture: want %d finding(s) of %s, got %d %s", n, s, got[s], undecidedNote(res, s))
				}
			}
			for s, n := range got {
				if _, ok := want[s]; !ok {
					t.Errorf("fail fixture: unexpected %d finding(s) of %s", n, s)
				}
			}

			passDir := filepath.Join(fixturesDir, id, "pass")
			pres := analyze(t, passDir)
			for _, p := range fixtureProblems(pres) {
				t.Errorf("pass fixture: %s", p)
			}
			for _, f := range pres.Findings {
				if f.RuleID == id {
					t.Errorf("pass fixture: unexpected finding %s (%s:%d): %s", f.ID, f.File, f.Range.Start.Line, f.Message)
				}
			}
			// A pass fixture must pass on its values, not because the rule could not
			// decide: every value it needs has a default.
			for _, u := range pres.Undecided {
				if u.RuleID == id {
					t.Errorf("pass fixture: %s is undecided on %s: %s", id, u.Resource, u.Reason)
				}
			}

			// An optional unknown fixture leaves a value the rule needs without any
			// value: the rule must be undecided there, never open.
			unknownDir := filepath.Join(fixturesDir, id, "unknown")
			if _, err := os.Stat(unknownDir); err == nil {
				ures := analyze(t, unknownDir)
				for _, p := range fixtureProblems(ures) {
					t.Errorf("unknown fixture: %s", p)
				}
				undecided := 0
				for _, u := range ures.Undecided {
					if u.RuleID == id {
						undecided++
					}
				}
				for _, f := range ures.Findings {
					if f.RuleID == id {
						t.Errorf("unknown fixture: %s is reported open although its input is unknown: %s", f.ID, f.Message)
					}
				}
				if undecided == 0 {
					t.Errorf("unknown fixture: %s is not reported as undecided", id)
				}
			}
		})
	}
}

// TestFixes applies, for every finding of a fixable rule in its fail fixture, the
// rule's fix to a copy of the fixture; the result must parse, the finding must be
// gone, and no finding may appear that the fixture did not have before.
func TestFixes(t *testing.T) {
	fixable := map[string]bool{}
	for _, r := range loadCatalog(t) {
		fixable[r.Meta.ID] = r.HasFix()
	}
	for _, id := range ruleDirs(t) {
		if !fixable[id] {
			continue
		}
		t.Run(id, func(t *testing.T) {
			failDir := filepath.Join(fixturesDir, id, "fail")
			res := analyze(t, failDir)
			before := map[string]bool{}
			for _, f := range res.Findings {
				before[f.ID] = true
			}
			fixed := 0
			for _, f := range res.Findings {
				if f.RuleID != id {
					continue
				}
				if !f.Fixable {
					t.Logf("%s: no fix applies", f.ID)
					continue
				}
				title, edits, err := res.Fix(f.ID)
				if err != nil {
					// Finding.Fixable promises a fix that applies to this finding.
					t.Errorf("%s is marked fixable but Fix fails: %v", f.ID, err)
					continue
				}
				if title == "" || len(edits) == 0 {
					t.Errorf("%s: fix %q has no edits", f.ID, title)
					continue
				}
				dir := t.TempDir()
				if err := copyTree(failDir, dir); err != nil {
					t.Fatal(err)
				}
				if err := applyEdits(dir, edits); err != nil {
					t.Fatalf("%s: applying %q: %v", f.ID, title, err)
				}
				for _, e := range edits {
					src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.File)))
					if err != nil {
						t.Fatal(err)
					}
					if _, diags := hclsyntax.ParseConfig(src, e.File, hcl.InitialPos); diags.HasErrors() {
						t.Errorf("%s: after %q, %s does not parse: %s\n%s", f.ID, title, e.File, diags.Error(), src)
					}
				}
				after := analyze(t, dir)
				for _, g := range after.Findings {
					if g.ID == f.ID && g.Status == model.Open {
						t.Errorf("%s: still open after %q (edits %+v)", f.ID, title, edits)
					}
					if !before[g.ID] {
						t.Errorf("%s: %q introduced finding %s: %s", f.ID, title, g.ID, g.Message)
					}
				}
				fixed++
			}
			if fixed == 0 {
				t.Errorf("the rule has a fix but none applied to any finding of its fail fixture")
			}
		})
	}
}

// copyTree copies the regular files under src to dst.
func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// applyEdits applies edits (byte ranges into the original files) to the files under
// root, later offsets first so that earlier ones stay valid.
func applyEdits(root string, edits []analysis.Edit) error {
	byFile := map[string][]analysis.Edit{}
	for _, e := range edits {
		byFile[e.File] = append(byFile[e.File], e)
	}
	for file, es := range byFile {
		path := filepath.Join(root, filepath.FromSlash(file))
		src, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("reading %s: %w", file, err)
		}
		sort.Slice(es, func(i, j int) bool { return es[i].Start > es[j].Start })
		for i, e := range es {
			if e.Start < 0 || e.End < e.Start || e.End > len(src) {
				return fmt.Errorf("edit [%d,%d) is outside %s (%d bytes)", e.Start, e.End, file, len(src))
			}
			if i > 0 && e.End > es[i-1].Start {
				return fmt.Errorf("edits overlap in %s", file)
			}
			src = append(src[:e.Start:e.Start], append([]byte(e.NewText), src[e.End:]...)...)
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", file, err)
		}
	}
	return nil
}
