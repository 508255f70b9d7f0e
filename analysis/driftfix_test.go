package analysis

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/rules"
)

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDriftFixes applies the quick fix of every kind of drift and checks that the
// drift is gone, every file still parses, and no problem appears that was not there.
func TestDriftFixes(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join("..", "testdata", "analysis", "drift")
	first, err := Analyze(ctx, Options{Root: src})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, d := range first.Diagnostics {
		if !strings.HasPrefix(d.Code, "drift-") {
			continue
		}
		kinds[d.Code]++
		t.Run(d.Code+" "+d.Summary[:min(40, len(d.Summary))], func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, src, dir)
			res, err := Analyze(ctx, Options{Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			var target *model.Diagnostic
			for i := range res.Diagnostics {
				if res.Diagnostics[i].Code == d.Code && res.Diagnostics[i].Summary == d.Summary {
					target = &res.Diagnostics[i]
				}
			}
			if target == nil {
				t.Fatal("drift not reproduced in the copy")
			}
			title, edits, ok := res.DriftFix(*target)
			if !ok || title == "" || len(edits) == 0 {
				t.Fatalf("no fix for %s", d.Summary)
			}
			byFile := map[string][]rules.Edit{}
			for _, e := range edits {
				byFile[e.File] = append(byFile[e.File], e)
			}
			for file, es := range byFile {
				p := filepath.Join(dir, filepath.FromSlash(file))
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				out, err := rules.ApplyEdits(b, es)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			after, err := Analyze(ctx, Options{Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			before := map[string]bool{}
			for _, x := range res.Diagnostics {
				before[x.Code+"|"+x.Summary] = true
			}
			for _, x := range after.Diagnostics {
				if x.Code == d.Code && x.Summary == d.Summary {
					t.Errorf("%q: the drift is still reported", title)
				}
				if !before[x.Code+"|"+x.Summary] && x.Severity >= model.SeverityMedium {
					t.Errorf("%q introduced %s: %s", title, x.Code, x.Summary)
				}
			}
		})
	}
	for _, k := range []string{"drift-missing-resource", "drift-flow-not-allowed", "drift-unmodeled", "drift-unmodeled-flow"} {
		if kinds[k] == 0 {
			t.Errorf("the fixture raises no %s", k)
		}
	}
}
