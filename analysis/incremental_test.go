package analysis

import (
	"context"
	"fmt"
	"github.com/tm-ls/tm-ls/analysis/model"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

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
	for _, p := range res.Passed() {
		out = append(out, "P "+p.RuleID+"@"+p.Resource)
	}
	sort.Strings(out)
	return out
}

// newTestAnalyzer returns a fresh Analyzer (no caches shared with other tests).
func newTestAnalyzer(t *testing.T) *Analyzer {
	t.Helper()
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// coldAnalyze analyses with a fresh Analyzer: the baseline incremental results
// must equal.
func coldAnalyze(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := newTestAnalyzer(t).Analyze(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// writeFiles writes files (relative path → text) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
	firstBlock := strings.Index(string(src), "\nresource ")
	secondBlock := strings.Index(string(src)[firstBlock+1:], "\nresource ")
	if firstBlock < 0 || secondBlock < 0 {
		t.Fatalf("the stack file has fewer than two resources:\n%s", src)
	}
	edits := []string{
		strings.Replace(string(src), "true", "false", 1),                  // a changed value that others may relate to
		string(src)[:firstBlock] + string(src)[firstBlock+1+secondBlock:], // a resource removed (its references dangle)
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
		cold := coldAnalyze(t, Options{Root: dir, Overlays: ov})
		if inc.ReusedRoots() == 0 || inc.reusedResources <= len(inc.Resources)/2 {
			t.Errorf("edit %d: %d roots and %d of %d resources reused", i, inc.ReusedRoots(), inc.reusedResources, len(inc.Resources))
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

// TestQuickGraph checks the fast first answer to an edit: resource findings are
// those of a cold analysis, the threat-model stage comes from the previous analysis
// (and says so), and an edited threat-model file always rebuilds the graph.
func TestQuickGraph(t *testing.T) {
	root := filepath.Join("..", "testdata", "examples", "three-tier-aws")
	abs, _ := filepath.Abs(root)
	ctx := context.Background()
	prev, err := Analyze(ctx, Options{Root: abs})
	if err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(abs, "data.tf")
	src, _ := os.ReadFile(main)
	text := strings.Replace(string(src), "storage_encrypted       = false", "storage_encrypted       = true", 1)
	ov := map[string][]byte{main: []byte(text)}
	quick, err := Analyze(ctx, Options{Root: abs, Overlays: ov, Previous: prev, QuickGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Analyze(ctx, Options{Root: abs, Overlays: ov})
	if err != nil {
		t.Fatal(err)
	}
	if !quick.Partial || full.Partial {
		t.Fatalf("Partial: quick %v, full %v", quick.Partial, full.Partial)
	}
	resourceIDs := func(r *Result) []string {
		var out []string
		for _, f := range r.Findings {
			if !strings.HasPrefix(f.RuleID, "TM-GRAPH-") {
				out = append(out, f.ID)
			}
		}
		sort.Strings(out)
		return out
	}
	if q, f := resourceIDs(quick), resourceIDs(full); strings.Join(q, ",") != strings.Join(f, ",") {
		t.Errorf("resource findings differ:\nquick %v\nfull  %v", q, f)
	}
	if find(quick, "TM-AWS-RDS-ENCRYPTION@aws_db_instance.orders") != nil {
		t.Error("the edit that encrypts the database did not clear its finding")
	}
	// A graph finding located in the edited file would carry stale positions: the
	// quick answer withholds it; one located in an untouched file is kept, unfixable
	// until the full analysis.
	if id := "TM-GRAPH-DATA-AT-REST-UNENCRYPTED@component.orders_db"; find(quick, id) != nil || find(prev, id) == nil {
		t.Errorf("graph finding %s in the edited file: quick %v, previous %v", id, find(quick, id) != nil, find(prev, id) != nil)
	}
	kept := 0
	for _, f := range quick.Findings {
		if strings.HasPrefix(f.RuleID, "TM-GRAPH-") {
			kept++
			if f.File == "data.tf" || f.Fixable {
				t.Errorf("quick graph finding %s in %s fixable=%v", f.ID, f.File, f.Fixable)
			}
			if _, _, err := quick.Fix(f.ID); err == nil {
				t.Errorf("Fix of %s on the previous graph succeeded", f.ID)
			}
		}
	}
	if kept == 0 {
		t.Error("the quick answer kept no graph finding at all")
	}
	// A changed threat model is never served from the previous graph.
	tm := filepath.Join(abs, "threat-model.tm.hcl")
	tmsrc, _ := os.ReadFile(tm)
	edited, err := Analyze(ctx, Options{Root: abs, Overlays: map[string][]byte{tm: append(tmsrc, []byte("\n# edit\n")...)}, Previous: prev, QuickGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	if edited.Partial {
		t.Error("an edit of the threat model reused the previous graph")
	}
	if _, ok := prev.Files["threat-model.tm.hcl"]; !ok {
		t.Error("threat-model files are missing from Result.Files")
	}
}

// TestIncrementalAppliesControlsOnce: a control that mitigates a resource finding
// reduces its residual risk once, however many analyses reuse the finding.
func TestIncrementalAppliesControlsOnce(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "testdata", "examples", "three-tier-aws"), dir)
	tm := filepath.Join(dir, "threat-model.tm.hcl")
	src, err := os.ReadFile(tm)
	if err != nil {
		t.Fatal(err)
	}
	control := "\ncontrol \"db_private_only\" {\n  mitigates     = [\"TM-AWS-RDS-PUBLIC\"]\n  on            = [component.orders_db]\n  effectiveness = 0.5\n}\n"
	if err := os.WriteFile(tm, append(src, control...), 0o644); err != nil {
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
	id := "TM-AWS-RDS-PUBLIC@aws_db_instance.orders"
	f := find(prev, id)
	if f == nil || f.Status != model.Mitigated || f.Residual != float64(f.Inherent)/2 {
		t.Fatalf("cold: %+v", f)
	}
	want := f.Residual
	edge := filepath.Join(dir, "edge.tf")
	text, _ := os.ReadFile(edge)
	for i, quick := range []bool{false, true, false} {
		ov := map[string][]byte{edge: append(append([]byte{}, text...), []byte(fmt.Sprintf("\n# edit %d\n", i))...)}
		res, err := a.Analyze(ctx, Options{Root: dir, Overlays: ov, Previous: prev, QuickGraph: quick})
		if err != nil {
			t.Fatal(err)
		}
		g := find(res, id)
		if g == nil || g.Residual != want || g.Status != model.Mitigated {
			t.Fatalf("analysis %d (quick %v): %s residual %v status %v, want %v mitigated", i, quick, id, g.Residual, g.Status, want)
		}
		prev = res
	}
}

// TestIncrementalNeighbourAppears adds, in a new file, a resource that relates to
// an unchanged one: the unchanged block is reused by the loader (the very same
// value), yet its outcomes must be judged again, because a rule on it sees its
// neighbours (the VPC's flow-log finding goes when a flow log points at it).
func TestIncrementalNeighbourAppears(t *testing.T) {
	dir := t.TempDir()
	vpc := "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\nresource \"aws_instance\" \"web\" {\n  ami = \"ami-1\"\n}\n"
	writeFiles(t, dir, map[string]string{"vpc.tf": vpc})
	a := newTestAnalyzer(t)
	ctx := context.Background()
	first, err := a.Analyze(ctx, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if first.Finding("TM-AWS-VPC-FLOW-LOGS@aws_vpc.main") == nil {
		t.Fatal("no flow-log finding on the VPC to begin with")
	}
	ov := map[string][]byte{filepath.Join(dir, "flow.tf"): []byte("resource \"aws_flow_log\" \"main\" {\n  vpc_id       = aws_vpc.main.id\n  traffic_type = \"ALL\"\n}\n")}
	inc, err := a.Analyze(ctx, Options{Root: dir, Overlays: ov, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if first.ws.Lookup(".", "aws_vpc.main") != inc.ws.Lookup(".", "aws_vpc.main") {
		t.Fatal("the loader evaluated the unchanged VPC again: the test no longer covers a reused block")
	}
	if f := inc.Finding("TM-AWS-VPC-FLOW-LOGS@aws_vpc.main"); f != nil {
		t.Errorf("the flow-log finding stayed after a flow log was added: %s", f.Message)
	}
	cold := coldAnalyze(t, Options{Root: dir, Overlays: ov})
	if is, cs := strings.Join(summary(inc), "\n"), strings.Join(summary(cold), "\n"); is != cs {
		t.Errorf("incremental differs from cold:\n%s\n---\n%s", is, cs)
	}
}

// TestQuickAnswerSharesFindings: a quick answer takes the previous result's
// findings as they are when nothing their decisions read changed (no copy), still
// suppressed where a comment says so, while findings in the edited file and those
// a control names are decided anew; and it reports what a full analysis reports
// for resources.
func TestQuickAnswerSharesFindings(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.tf": "# tm:ignore:TM-AWS-S3-VERSIONING logs are disposable\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n",
		"b.tf": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"data\"\n}\n",
	}
	writeFiles(t, dir, files)
	a := newTestAnalyzer(t)
	ctx := context.Background()
	prev, err := a.Analyze(ctx, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	ov := map[string][]byte{filepath.Join(dir, "b.tf"): []byte(files["b.tf"] + "resource \"aws_instance\" \"web\" {\n  ami = \"ami-1\"\n}\n")}
	quick, err := a.Analyze(ctx, Options{Root: dir, Overlays: ov, Previous: prev, QuickGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	sup := "TM-AWS-S3-VERSIONING@aws_s3_bucket.logs"
	if f := quick.Finding(sup); f == nil || f != prev.Finding(sup) || f.Status != model.Suppressed {
		t.Fatalf("the suppressed finding in the untouched file was not shared as it was: %+v", f)
	}
	if f := quick.Finding("TM-AWS-S3-VERSIONING@aws_s3_bucket.data"); f == nil || f == prev.Finding("TM-AWS-S3-VERSIONING@aws_s3_bucket.data") {
		t.Fatal("a finding in the edited file was shared instead of judged anew")
	}
	full := coldAnalyze(t, Options{Root: dir, Overlays: ov})
	resourceFindings := func(r *Result) string {
		var out []string
		for _, f := range r.Findings {
			if !strings.HasPrefix(f.RuleID, "TM-GRAPH-") {
				out = append(out, fmt.Sprintf("%s %v %s %.2f", f.ID, f.Status, f.StatusNote, f.Residual))
			}
		}
		sort.Strings(out)
		return strings.Join(out, "\n")
	}
	if q, f := resourceFindings(quick), resourceFindings(full); q != f {
		t.Errorf("quick and full resource findings differ:\n%s\n---\n%s", q, f)
	}
	// The next day, suppression dates may have passed: nothing is shared.
	later, err := a.Analyze(ctx, Options{Root: dir, Overlays: ov, Previous: quick, QuickGraph: true, Now: time.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if later.Finding(sup) == quick.Finding(sup) {
		t.Error("a finding was shared across days")
	}
}
