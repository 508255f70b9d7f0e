package analysis

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/synth"
)

// summary is everything a consumer sees of a result, in a comparable form.
func summary(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("F %s %s %s %d-%d %v %s %.2f fix=%v rel=%d", f.ID, f.Severity, f.File, f.Range.Start.Byte, f.Range.End.Byte, f.Status, f.StatusNote, f.Residual, f.Fixable, len(f.Related)))
	}
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("D %s %s %d %s", d.Code, d.File, d.Range.Start.Byte, d.Summary))
	}
	for _, p := range res.Passed {
		out = append(out, "P "+p.RuleID+"@"+p.Resource)
	}
	sort.Strings(out)
	return out
}

// TestIncrementalEqualsCold edits one root of a multi-root workspace and checks that
// the analysis reusing the previous one reports exactly what a cold analysis of the
// final text reports, while reusing the roots the edit did not touch.
func TestIncrementalEqualsCold(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, 200, 1500, 7); err != nil {
		t.Fatal(err)
	}
	var target string
	filepath.WalkDir(filepath.Join(dir, "stacks"), func(p string, d os.DirEntry, err error) error {
		if err == nil && target == "" && !d.IsDir() && strings.HasSuffix(p, ".tf") && !strings.HasSuffix(p, "variables.tf") {
			target = p
		}
		return nil
	})
	if target == "" {
		t.Fatal("no stack file generated")
	}
	src, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	prev, err := a.Analyze(ctx, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	edits := []string{
		string(src) + "\nresource \"aws_instance\" \"added\" {\n  ami = \"ami-1\"\n}\n",
		string(src) + "\nresource \"aws_instance\" \"broken\" {\n  ami = \n", // a syntax error
		string(src),
	}
	for i, text := range edits {
		ov := map[string][]byte{target: []byte(text)}
		inc, err := a.Analyze(ctx, Options{Root: dir, Overlays: ov, Previous: prev})
		if err != nil {
			t.Fatal(err)
		}
		cold, err := (func() (*Result, error) {
			b, err := NewAnalyzer()
			if err != nil {
				return nil, err
			}
			return b.Analyze(ctx, Options{Root: dir, Overlays: ov})
		})()
		if err != nil {
			t.Fatal(err)
		}
		if inc.ReusedRoots() == 0 {
			t.Errorf("edit %d: no root reused", i)
		}
		is, cs := summary(inc), summary(cold)
		if strings.Join(is, "\n") != strings.Join(cs, "\n") {
			for j := 0; j < len(is) && j < len(cs); j++ {
				if is[j] != cs[j] {
					t.Fatalf("edit %d: first difference at %d:\nincremental %s\ncold        %s", i, j, is[j], cs[j])
				}
			}
			t.Fatalf("edit %d: incremental %d lines, cold %d", i, len(is), len(cs))
		}
		prev = inc
	}
}
