package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const exampleDir = "../../testdata/examples/three-tier-aws"

func TestCheckExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"findings at or above high fail", []string{"check", exampleDir}, 1},
		{"fail-on none passes", []string{"check", "--fail-on", "none", exampleDir}, 0},
		{"flags after the directory", []string{"check", exampleDir, "--fail-on", "none"}, 0},
		{"threshold above every finding", []string{"check", "--fail-on", "critical", "../../testdata/analysis/config"}, 1},
		{"missing directory", []string{"check", "does/not/exist"}, 2},
		{"bad format", []string{"check", "--format", "xml", exampleDir}, 2},
		{"bad severity", []string{"check", "--severity", "urgent", exampleDir}, 2},
		{"two directories", []string{"check", exampleDir, exampleDir}, 2},
		{"syntax error is a load error", []string{"check", "--fail-on", "none", "../../testdata/analysis/syntax"}, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"version", []string{"version"}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.want, out, errs)
			}
		})
	}
}

func TestCheckTextHasSummaryAndTopRisks(t *testing.T) {
	_, out, _ := runCLI(t, "check", "--fail-on", "none", exampleDir)
	for _, want := range []string{
		"modules/web/main.tf:16:5: high     TM-AWS-VPC-SG-SSH-OPEN",
		"[module.web.aws_security_group.web]",
		"Risk summary:",
		"Top risks:",
		"fix: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckSeverityFilter(t *testing.T) {
	_, out, _ := runCLI(t, "check", "--fail-on", "none", "--severity", "critical", "--format", "json", exampleDir)
	var doc struct {
		Findings []struct{ Severity string } `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) == 0 {
		t.Fatal("no critical findings in the exampleDir")
	}
	for _, f := range doc.Findings {
		if f.Severity != "critical" {
			t.Errorf("--severity critical showed a %s finding", f.Severity)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	code, out, _ := runCLI(t, "check", "--format", "json", exampleDir)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Tool          string `json:"tool"`
		SchemaVersion int    `json:"schema_version"`
		Summary       struct {
			Open   int            `json:"open"`
			Counts map[string]int `json:"counts"`
		} `json:"summary"`
		Findings []struct {
			ID       string `json:"id"`
			RuleID   string `json:"rule_id"`
			Resource string `json:"resource"`
			Location struct {
				File  string `json:"file"`
				Start struct{ Line, Column, Byte int }
			} `json:"location"`
			Inherent   int      `json:"inherent_risk"`
			Compliance []string `json:"compliance"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if doc.Tool != "tm-ls" || doc.SchemaVersion != 1 || doc.Summary.Open > len(doc.Findings) || len(doc.Findings) == 0 {
		t.Fatalf("document header wrong: %+v", doc)
	}
	for _, f := range doc.Findings {
		if !strings.HasPrefix(f.ID, f.RuleID+"@") || !strings.HasSuffix(f.ID, f.Resource) {
			t.Errorf("finding ID %q does not follow RULE@address", f.ID)
		}
		if f.Location.File == "" || f.Location.Start.Line < 1 || f.Inherent < 1 || len(f.Compliance) == 0 {
			t.Errorf("finding %s incomplete: %+v", f.ID, f)
		}
	}
}

// TestCheckSARIF checks the log against what SARIF 2.1.0 requires and what GitHub
// code scanning reads (tool.driver.name and rules, ruleId, message.text, physical
// locations with a relative uri and startLine ≥ 1, partialFingerprints,
// security-severity as a numeric string).
func TestCheckSARIF(t *testing.T) {
	_, out, _ := runCLI(t, "check", "--format", "sarif", exampleDir)
	var log map[string]any
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if log["version"] != "2.1.0" || !strings.Contains(log["$schema"].(string), "sarif") {
		t.Fatalf("version/$schema wrong: %v %v", log["version"], log["$schema"])
	}
	run := log["runs"].([]any)[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "tm-ls" {
		t.Errorf("driver name %v", driver["name"])
	}
	ruleIDs := map[string]int{}
	for i, r := range driver["rules"].([]any) {
		rule := r.(map[string]any)
		id := rule["id"].(string)
		ruleIDs[id] = i
		props := rule["properties"].(map[string]any)
		sev, ok := props["security-severity"].(string)
		if !ok || sev == "" || strings.Trim(sev, "0123456789.") != "" {
			t.Errorf("rule %s security-severity %v", id, props["security-severity"])
		}
		for _, k := range []string{"shortDescription", "fullDescription", "help"} {
			if rule[k].(map[string]any)["text"] == "" {
				t.Errorf("rule %s has empty %s", id, k)
			}
		}
		if !strings.HasPrefix(rule["helpUri"].(string), "https://") {
			t.Errorf("rule %s helpUri %v", id, rule["helpUri"])
		}
	}
	results := run["results"].([]any)
	if len(results) == 0 {
		t.Fatal("no results")
	}
	fingerprints := map[string]bool{}
	for _, x := range results {
		r := x.(map[string]any)
		id := r["ruleId"].(string)
		if idx, ok := ruleIDs[id]; !ok || int(r["ruleIndex"].(float64)) != idx {
			t.Errorf("result rule %s index %v not in driver rules", id, r["ruleIndex"])
		}
		switch r["level"] {
		case "error", "warning", "note":
		default:
			t.Errorf("level %v", r["level"])
		}
		if r["message"].(map[string]any)["text"] == "" {
			t.Error("empty message")
		}
		fp := r["partialFingerprints"].(map[string]any)["tmFindingId/v1"].(string)
		if fingerprints[fp] {
			t.Errorf("duplicate fingerprint %s", fp)
		}
		fingerprints[fp] = true
		loc := r["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		uri := loc["artifactLocation"].(map[string]any)["uri"].(string)
		if filepath.IsAbs(uri) || strings.Contains(uri, "..") && !strings.HasPrefix(uri, "../../testdata") {
			t.Errorf("uri %q", uri)
		}
		if _, err := os.Stat(uri); err != nil {
			t.Errorf("uri %q does not name a file relative to where check ran: %v", uri, err)
		}
		region := loc["region"].(map[string]any)
		if region["startLine"].(float64) < 1 || region["startColumn"].(float64) < 1 || region["endLine"].(float64) < region["startLine"].(float64) {
			t.Errorf("region %v", region)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, errs := runCLI(t, "rules", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Count  int            `json:"count"`
		Counts map[string]int `json:"counts"`
		Rules  []struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Count != len(doc.Rules) || doc.Counts["aws"] < 40 {
		t.Errorf("catalogue: count %d, %v", doc.Count, doc.Counts)
	}
	code, out, _ = runCLI(t, "rules", "show", "TM-AWS-EC2-IMDSV1")
	if code != 0 || !strings.Contains(out, "CWE-918") || !strings.Contains(out, "Recommended control") {
		t.Errorf("rules show: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "rules", "show", "TM-NOPE"); code != 2 {
		t.Errorf("rules show of an unknown rule exit %d, want 2", code)
	}
}

func TestRulesTestCommand(t *testing.T) {
	code, out, _ := runCLI(t, "rules", "test", "../../testdata/rulepack/good")
	if code != 0 || !strings.Contains(out, "2 passed, 0 failed") {
		t.Errorf("good pack: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "rules", "test", "../../testdata/rulepack/broken")
	if code != 1 || !strings.Contains(out, "bad.hcl:3:16: Invalid severity") {
		t.Errorf("broken pack: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "rules", "test", "nowhere"); code != 2 {
		t.Errorf("missing pack: exit %d, want 2", code)
	}
	// A pack named on the command line adds its rules to check.
	code, out, _ = runCLI(t, "check", "--rules", "../../testdata/rulepack/good", "--fail-on", "low", "--format", "json", "../../testdata/rulepack/good/fixtures/ACME-S3-TAGS/fail")
	if code != 1 || !strings.Contains(out, `"rule_id": "ACME-S3-TAGS"`) {
		t.Errorf("check --rules: exit %d\n%s", code, out)
	}
}

func TestCheckBaseline(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	_, out, _ := runCLI(t, "check", "--format", "json", "--fail-on", "none", exampleDir)
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// Drop one finding from the baseline so that it is new, and add one that is gone.
	findings := doc["findings"].([]any)
	dropped := findings[0].(map[string]any)["id"].(string)
	gone := map[string]any{}
	for k, v := range findings[1].(map[string]any) {
		gone[k] = v
	}
	gone["id"] = "TM-AWS-S3-VERSIONING@aws_s3_bucket.removed"
	gone["resource"] = "aws_s3_bucket.removed"
	doc["findings"] = append(findings[1:], gone)
	b, _ := json.Marshal(doc)
	if err := os.WriteFile(base, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "check", "--baseline", base, exampleDir)
	if code != 1 || !strings.Contains(out, dropped) || !strings.Contains(out, "aws_s3_bucket.removed") {
		t.Errorf("baseline diff: exit %d\n%s\n%s", code, out, errs)
	}
	// --new-only shows only the one new finding and fails on it only when it is at or above --fail-on.
	code, out, _ = runCLI(t, "check", "--baseline", base, "--new-only", "--format", "json", "--fail-on", "info", exampleDir)
	var nd struct {
		Findings []struct{ ID string } `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &nd); err != nil {
		t.Fatal(err)
	}
	if code != 1 || len(nd.Findings) != 1 || nd.Findings[0].ID != dropped {
		t.Errorf("--new-only: exit %d, findings %+v", code, nd.Findings)
	}
	// An unchanged workspace against its own baseline passes with --new-only.
	_, out, _ = runCLI(t, "check", "--format", "json", "--fail-on", "none", exampleDir)
	os.WriteFile(base, []byte(out), 0o644)
	if code, _, errs := runCLI(t, "check", "--baseline", base, "--new-only", exampleDir); code != 0 {
		t.Errorf("same workspace as its baseline: exit %d: %s", code, errs)
	}
	os.WriteFile(base, []byte("{not json"), 0o644)
	if code, _, errs := runCLI(t, "check", "--baseline", base, exampleDir); code != 2 || !strings.Contains(errs, "base.json") {
		t.Errorf("corrupt baseline: exit %d: %s", code, errs)
	}
	if code, _, _ := runCLI(t, "check", "--new-only", exampleDir); code != 2 {
		t.Errorf("--new-only without --baseline: exit %d", code)
	}
}
