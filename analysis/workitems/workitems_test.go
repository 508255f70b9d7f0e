package workitems

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/tm-ls/tm-ls/analysis/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const dir = "../../testdata/workitems"

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

var imds = &model.RuleMeta{ID: "TM-AWS-EC2-IMDSV1", Title: "EC2 instance allows IMDSv1", Severity: model.SeverityHigh,
	Stride: []string{"information-disclosure", "elevation-of-privilege"}, CWE: []string{"CWE-918"},
	Compliance:  []string{"pci-dss-4.0:2.2.1", "nist-800-53:CM-7"},
	Description: "An attacker who reaches an SSRF in the instance can read the metadata service\nand steal the role's credentials.\n\nIMDSv2 requires a session token <obtained by PUT>.",
	Remediation: "Require session tokens (IMDSv2): `http_tokens = \"required\"`."}

var versioning = &model.RuleMeta{ID: "TM-AWS-S3-VERSIONING", Title: "S3 bucket without versioning", Severity: model.SeverityMedium,
	Stride: []string{"tampering"}, Remediation: "Enable versioning."}

func findings() []*model.Finding {
	at := func(file string, line int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 3}, End: hcl.Pos{Line: line, Column: 20}}
	}
	return []*model.Finding{
		{ID: "TM-AWS-S3-VERSIONING@aws_s3_bucket.logs", RuleID: "TM-AWS-S3-VERSIONING", Rule: versioning, Resource: "aws_s3_bucket.logs",
			ResourceType: "aws_s3_bucket", Severity: model.SeverityMedium, Message: "Bucket logs keeps no versions", File: "main.tf", Range: at("main.tf", 3),
			Status: model.Mitigated, Likelihood: 3, Impact: 3, Inherent: 9, Residual: 4.5},
		{ID: "TM-AWS-EC2-IMDSV1@module.app.aws_instance.web[\"a b\"]", RuleID: "TM-AWS-EC2-IMDSV1", Rule: imds,
			Resource: "module.app.aws_instance.web[\"a b\"]", ResourceType: "aws_instance", Severity: model.SeverityCritical,
			Message: "IMDSv1 is enabled", File: "modules/app/main.tf", Range: at("modules/app/main.tf", 12),
			Status: model.Open, Likelihood: 4, Impact: 5, Inherent: 20, Residual: 20},
		{ID: "TM-AWS-S3-VERSIONING@aws_s3_bucket.tmp", RuleID: "TM-AWS-S3-VERSIONING", Rule: versioning, Resource: "aws_s3_bucket.tmp",
			Severity: model.SeverityMedium, File: "main.tf", Range: at("main.tf", 30), Status: model.Suppressed, Likelihood: 3, Impact: 3, Inherent: 9, Residual: 9},
		{ID: "TM-AWS-S3-VERSIONING@aws_s3_bucket.old", RuleID: "TM-AWS-S3-VERSIONING", Rule: versioning, Resource: "aws_s3_bucket.old",
			Severity: model.SeverityMedium, File: "main.tf", Range: at("main.tf", 40), Status: model.Accepted, Likelihood: 3, Impact: 3, Inherent: 9, Residual: 9},
		{ID: "TM-CUSTOM@aws_s3_bucket.x", RuleID: "TM-CUSTOM", Resource: "aws_s3_bucket.x", Severity: model.SeverityInfo,
			File: "x.tf", Status: model.Open, Likelihood: 1, Impact: 1, Inherent: 1, Residual: 1},
	}
}

func TestFromFindingsKeepsOpenOnlySortedByID(t *testing.T) {
	items := FromFindings(findings())
	var got []string
	for _, it := range items {
		got = append(got, it.FindingID)
	}
	want := []string{`TM-AWS-EC2-IMDSV1@module.app.aws_instance.web["a b"]`, "TM-AWS-S3-VERSIONING@aws_s3_bucket.logs", "TM-CUSTOM@aws_s3_bucket.x"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("items = %q, want %q (suppressed and accepted findings get no item)", got, want)
	}
	it := items[0]
	if it.Title != `[tm-ls] EC2 instance allows IMDSv1 on module.app.aws_instance.web["a b"]` {
		t.Errorf("title = %q", it.Title)
	}
	wantLabels := "tm-ls TM-AWS-EC2-IMDSV1 critical stride-information-disclosure stride-elevation-of-privilege " + it.Key
	if strings.Join(it.Labels, " ") != wantLabels {
		t.Errorf("labels = %q, want %q", it.Labels, wantLabels)
	}
	for _, l := range it.Labels {
		if strings.ContainsAny(l, " @\t\n,;") {
			t.Errorf("label %q holds a character Jira labels or ADO tags reject", l)
		}
	}
	if items[2].Title != "[tm-ls] TM-CUSTOM on aws_s3_bucket.x" {
		t.Errorf("a finding without rule metadata is titled %q", items[2].Title)
	}
}

func TestKeyIsStableAndDistinct(t *testing.T) {
	// The key must never change between releases: trackers hold it.
	if Key("A@b") != Key("A@b") || Key("A@b") == Key("A@c") {
		t.Error("keys are not a function of the finding ID")
	}
	if got := Key("TM-AWS-S3-VERSIONING@aws_s3_bucket.logs"); got != "tmls-5a193fbf5c4a369a" /* printf %s ID | sha256sum | cut -c1-16 */ {
		t.Errorf("Key changed: %s", got)
	}
}

func TestPriorityTables(t *testing.T) {
	type row struct {
		jira      string
		adoP      int
		adoS      string
		imp, urg  int
		snowPrior int
	}
	want := map[model.Severity]row{
		model.SeverityCritical: {"Highest", 1, "1 - Critical", 1, 1, 1},
		model.SeverityHigh:     {"High", 2, "2 - High", 1, 2, 2},
		model.SeverityMedium:   {"Medium", 3, "3 - Medium", 2, 2, 3},
		model.SeverityLow:      {"Low", 4, "4 - Low", 2, 3, 4},
		model.SeverityInfo:     {"Lowest", 4, "4 - Low", 3, 3, 5},
	}
	for s, w := range want {
		imp, urg := SNOWImpactUrgency(s)
		got := row{JiraPriority(s), ADOPriority(s), ADOSeverity(s), imp, urg, SNOWPriority(s)}
		if got != w {
			t.Errorf("%s: %+v, want %+v", s, got, w)
		}
	}
	if JiraPriority(model.Severity(42)) != "Highest" || JiraPriority(model.Severity(-3)) != "Lowest" {
		t.Error("out-of-range severities are not clamped")
	}
}

func TestFormatsGolden(t *testing.T) {
	items := FromFindings(findings())
	opts := Options{JiraProject: "SEC", ADOIncludeSeverity: true}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			if err := Write(&out, format, items, opts); err != nil {
				t.Fatal(err)
			}
			ext := ".json"
			if format == "jira-csv" {
				ext = ".csv"
			}
			golden(t, format+ext+".golden", out.Bytes())
			// Same items in another order → same bytes.
			rev := FromFindings(reverse(findings()))
			var again bytes.Buffer
			if err := Write(&again, format, rev, opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), again.Bytes()) {
				t.Error("output depends on the order of the findings")
			}
		})
	}
	golden(t, "description.md.golden", []byte(items[0].Markdown()))
	golden(t, "description.txt.golden", []byte(items[0].Plain()))
}

func reverse(f []*model.Finding) []*model.Finding {
	out := make([]*model.Finding, len(f))
	for i := range f {
		out[len(f)-1-i] = f[i]
	}
	return out
}

func TestJiraCSVShape(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, "jira-csv", FromFindings(findings()), Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse back: %v", err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d rows, want a header and 3 items", len(recs))
	}
	head := strings.Join(recs[0], ",")
	if head != "Summary,Issue Type,Priority,Description,Labels,Labels,Labels,Labels,Labels,Labels" {
		t.Errorf("header = %s", head)
	}
	if r := recs[1]; r[1] != "Bug" || r[2] != "Highest" || !strings.Contains(r[3], "Finding ID: TM-AWS-EC2-IMDSV1@") || r[9] == "" {
		t.Errorf("first row = %q", r)
	}
	if r := recs[3]; r[2] != "Lowest" || r[8] != "" || r[9] != "" {
		t.Errorf("short label lists are not padded with empty cells: %q", r)
	}
}

func TestJSONFormatsShape(t *testing.T) {
	items := FromFindings(findings())
	var jira struct {
		IssueUpdates []struct {
			Fields map[string]json.RawMessage `json:"fields"`
		} `json:"issueUpdates"`
	}
	var out bytes.Buffer
	if err := Write(&out, "jira-json", items, Options{JiraProject: "OPS", JiraIssueType: "Task"}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Bytes(), &jira); err != nil {
		t.Fatal(err)
	}
	f := jira.IssueUpdates[0].Fields
	for k, want := range map[string]string{"project": `{"key":"OPS"}`, "issuetype": `{"name":"Task"}`, "priority": `{"name":"Highest"}`} {
		var c bytes.Buffer
		if err := json.Compact(&c, f[k]); err != nil || c.String() != want {
			t.Errorf("fields.%s = %s, want %s", k, c.String(), want)
		}
	}
	var adf ADFNode
	if err := json.Unmarshal(f["description"], &adf); err != nil || adf.Type != "doc" || adf.Version != 1 || len(adf.Content) == 0 {
		t.Errorf("description is not an ADF doc: %s (%v)", f["description"], err)
	}
	for _, n := range adf.Content {
		if n.Type != "paragraph" && n.Type != "heading" && n.Type != "bulletList" {
			t.Errorf("top-level ADF node %q is not a block node", n.Type)
		}
	}

	out.Reset()
	if err := Write(&out, "ado-json", items, Options{}); err != nil {
		t.Fatal(err)
	}
	var docs [][]PatchOp
	if err := json.Unmarshal(out.Bytes(), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d patch documents", len(docs))
	}
	paths := map[string]any{}
	for _, op := range docs[0] {
		if op.Op != "add" {
			t.Errorf("op %q on %s", op.Op, op.Path)
		}
		paths[op.Path] = op.Value
	}
	if _, ok := paths["/fields/Microsoft.VSTS.Common.Severity"]; ok {
		t.Error("Severity sent although ADOIncludeSeverity is false")
	}
	if paths["/fields/Microsoft.VSTS.Common.Priority"] != float64(1) || !strings.Contains(paths["/fields/System.Tags"].(string), items[0].Key) {
		t.Errorf("patch = %v", paths)
	}
	if d := paths["/fields/System.Description"].(string); !strings.Contains(d, "&lt;obtained by PUT&gt;") || strings.Contains(d, "<obtained") {
		t.Errorf("HTML description does not escape the rule text: %s", d)
	}

	out.Reset()
	if err := Write(&out, "servicenow-json", items, Options{}); err != nil {
		t.Fatal(err)
	}
	var snow struct{ Records []SNOWRecord }
	if err := json.Unmarshal(out.Bytes(), &snow); err != nil {
		t.Fatal(err)
	}
	if r := snow.Records[0]; r.Impact != "1" || r.Urgency != "1" || r.CorrelationID != items[0].FindingID || r.CorrelationDisplay != "tm-ls" {
		t.Errorf("record = %+v", r)
	}
}

func TestHostileInput(t *testing.T) {
	long := strings.Repeat("x", 5000)
	f := &model.Finding{ID: "R@" + long, RuleID: "R", Rule: &model.RuleMeta{Title: "line one\nline two\r\n\ttabbed"},
		Resource: long, Severity: model.Severity(99), Status: model.Open}
	it := FromFinding(f)
	if strings.ContainsAny(it.Title, "\n\r\t") || len([]rune(it.Title)) > 250 {
		t.Errorf("title is not one bounded line: %d runes", len([]rune(it.Title)))
	}
	if got := SNOWCorrelationID(it); got != it.Key {
		t.Errorf("a finding ID over 100 characters is correlated by %q, want its key", got)
	}
	for _, format := range Formats {
		if err := Write(&bytes.Buffer{}, format, []Item{it}, Options{}); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
	if err := Write(&bytes.Buffer{}, "xml", nil, Options{}); err == nil || !strings.Contains(err.Error(), "jira-csv") {
		t.Errorf("unknown format: %v", err)
	}
}
