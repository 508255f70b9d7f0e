package baseline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/tm-ls/tm-ls/analysis/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const dir = "../../testdata/baseline"

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func finding(id string, sev model.Severity, st model.Status, file string, line int, residual float64) *model.Finding {
	rule, _, _ := strings.Cut(id, "@")
	res := id[len(rule)+1:]
	return &model.Finding{ID: id, RuleID: rule, Rule: &model.RuleMeta{ID: rule, Title: "title of " + rule},
		Resource: res, Severity: sev, Status: st, File: file,
		Range:    hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 9}},
		Residual: residual, Inherent: int(residual)}
}

// current is base.json after an edit: versioning fixed, SSH still open, IMDSv1 now
// critical (a config override), a new public bucket, and a new suppressed finding.
func current() []*model.Finding {
	return []*model.Finding{
		finding("TM-AWS-EC2-IMDSV1@aws_instance.web", model.SeverityCritical, model.Open, "main.tf", 21, 16),
		finding("TM-AWS-SG-OPEN-SSH@aws_security_group.web", model.SeverityHigh, model.Open, "net.tf", 7, 16),
		finding("TM-AWS-S3-LOGGING@aws_s3_bucket.logs", model.SeverityLow, model.Suppressed, "main.tf", 3, 4),
		finding("TM-AWS-S3-PUBLIC@aws_s3_bucket.site", model.SeverityHigh, model.Open, "site.tf", 2, 20),
		finding("TM-AWS-S3-LOGGING@aws_s3_bucket.site", model.SeverityLow, model.Accepted, "site.tf", 2, 4),
		finding("TM-AWS-S3-ENCRYPTION@aws_s3_bucket.site", model.SeverityMedium, model.Mitigated, "site.tf", 2, 4.5),
	}
}

func TestLoadReadsReportDocument(t *testing.T) {
	b, err := Load(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 4 || b.Version != "0.1.0-dev" {
		t.Fatalf("got %d entries, version %q", len(b.Entries), b.Version)
	}
	e, ok := b.Lookup("TM-AWS-EC2-IMDSV1@aws_instance.web")
	if !ok {
		t.Fatal("IMDSv1 finding not found by ID")
	}
	want := Entry{ID: "TM-AWS-EC2-IMDSV1@aws_instance.web", RuleID: "TM-AWS-EC2-IMDSV1", Title: "EC2 instance allows IMDSv1",
		Severity: model.SeverityHigh, Status: model.Open, Resource: "aws_instance.web", File: "main.tf", Line: 20, Residual: 16}
	if e != want {
		t.Errorf("entry = %+v\nwant    %+v", e, want)
	}
	if s, _ := b.Lookup("TM-AWS-S3-LOGGING@aws_s3_bucket.logs"); s.Status != model.Suppressed || s.Active() {
		t.Errorf("suppressed entry read as %v (active %v)", s.Status, s.Active())
	}
	for i := 1; i < len(b.Entries); i++ {
		if b.Entries[i-1].ID >= b.Entries[i].ID {
			t.Errorf("entries not sorted by ID: %s before %s", b.Entries[i-1].ID, b.Entries[i].ID)
		}
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	cases := map[string]string{
		"empty.json":          "the file is empty",
		"blank.json":          "the file is empty",
		"truncated.json":      "truncated",
		"corrupt.json":        "not valid JSON at line 1, column",
		"foreign.json":        `no "tool": "tm-ls" field`,
		"other-tool.json":     `written by "tfsec", not tm-ls`,
		"future.json":         "schema_version 2, this tm-ls reads version 1",
		"no-version.json":     "no schema_version",
		"no-findings.json":    `no "findings" array`,
		"array.json":          "document is a JSON array, want an object",
		"bad-severity.json":   `finding A@b: unknown severity "urgent"`,
		"duplicate.json":      "finding A@b appears twice",
		"string-version.json": `field "schema_version" is a JSON string`,
		"missing.json":        "no such file or directory",
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			b, err := Load(path)
			if err == nil {
				t.Fatalf("Load(%s) = %d entries, want an error", name, len(b.Entries))
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error does not name the file %s: %v", path, err)
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	b, err := Load(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	d := Compare(b, current())
	ids := func(l []Change) []string {
		var out []string
		for _, c := range l {
			out = append(out, c.ID)
		}
		return out
	}
	check := func(name string, got []Change, want ...string) {
		t.Helper()
		if g := strings.Join(ids(got), " "); g != strings.Join(want, " ") {
			t.Errorf("%s = [%s], want %v", name, g, want)
		}
	}
	check("New", d.New, "TM-AWS-S3-PUBLIC@aws_s3_bucket.site", "TM-AWS-S3-ENCRYPTION@aws_s3_bucket.site", "TM-AWS-S3-LOGGING@aws_s3_bucket.site")
	check("Fixed", d.Fixed, "TM-AWS-S3-VERSIONING@aws_s3_bucket.logs")
	check("SeverityChanged", d.SeverityChanged, "TM-AWS-EC2-IMDSV1@aws_instance.web")
	check("Unchanged", d.Unchanged, "TM-AWS-SG-OPEN-SSH@aws_security_group.web", "TM-AWS-S3-LOGGING@aws_s3_bucket.logs")
	if d.SeverityChanged[0].Previous != "high" || d.SeverityChanged[0].Severity != "critical" {
		t.Errorf("severity change = %s → %s", d.SeverityChanged[0].Previous, d.SeverityChanged[0].Severity)
	}
	// Before: 9 + 16 + 16 (the suppressed 4 does not count). After: 16 + 16 + 20 + 4.5
	// (mitigated counts; suppressed and accepted do not).
	if d.ResidualBefore != 41 || d.ResidualAfter != 56.5 || d.ResidualDelta != 15.5 {
		t.Errorf("residual %v → %v (%v), want 41 → 56.5 (+15.5)", d.ResidualBefore, d.ResidualAfter, d.ResidualDelta)
	}
	check("NewAtOrAbove(high)", d.NewAtOrAbove(model.SeverityHigh), "TM-AWS-S3-PUBLIC@aws_s3_bucket.site")
	check("NewAtOrAbove(info)", d.NewAtOrAbove(model.SeverityInfo), "TM-AWS-S3-PUBLIC@aws_s3_bucket.site", "TM-AWS-S3-ENCRYPTION@aws_s3_bucket.site")
	if !d.IsNew("TM-AWS-S3-PUBLIC@aws_s3_bucket.site") || d.IsNew("TM-AWS-SG-OPEN-SSH@aws_security_group.web") {
		t.Error("IsNew disagrees with New")
	}

	var text, js bytes.Buffer
	if err := d.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.txt.golden", text.Bytes())
	golden(t, "diff.json.golden", js.Bytes())
}

func TestCompareSameRunIsUnchanged(t *testing.T) {
	cur := current()
	d := Compare(FromFindings(cur), cur)
	if len(d.New)+len(d.Fixed)+len(d.SeverityChanged) != 0 || len(d.Unchanged) != len(cur) || d.ResidualDelta != 0 {
		t.Errorf("comparing a run with itself: %d new, %d fixed, %d changed, %d unchanged, delta %v",
			len(d.New), len(d.Fixed), len(d.SeverityChanged), len(d.Unchanged), d.ResidualDelta)
	}
	var text bytes.Buffer
	if err := d.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if want := "baseline: 0 new, 0 fixed, 0 severity changed, 6 unchanged; residual risk 56.5 → 56.5 (±0)\n"; text.String() != want {
		t.Errorf("text = %q, want %q", text.String(), want)
	}
}

func TestCompareEmptyBaselineMakesAllNew(t *testing.T) {
	b, err := Parse("mem", []byte(`{"tool":"tm-ls","schema_version":1,"findings":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	d := Compare(b, current())
	if len(d.New) != len(current()) || d.ResidualBefore != 0 {
		t.Errorf("%d new of %d, residual before %v", len(d.New), len(current()), d.ResidualBefore)
	}
}

func TestOnlyNew(t *testing.T) {
	b, err := Load(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range OnlyNew(b, current()) {
		got = append(got, f.ID)
	}
	want := "TM-AWS-S3-PUBLIC@aws_s3_bucket.site TM-AWS-S3-LOGGING@aws_s3_bucket.site TM-AWS-S3-ENCRYPTION@aws_s3_bucket.site"
	if strings.Join(got, " ") != want {
		t.Errorf("OnlyNew = %v, want %s", got, want)
	}
}
