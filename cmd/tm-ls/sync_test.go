package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/baseline"
	"github.com/tm-ls/tm-ls/analysis/report"
	"github.com/tm-ls/tm-ls/analysis/workitems"
)

const example = "../../testdata/examples/three-tier-aws"

func analyseExample(t *testing.T) *analysis.Result {
	t.Helper()
	root, err := filepath.Abs(example)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Analyze(context.Background(), analysis.Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("the example workspace has no findings; the tests below would prove nothing")
	}
	return res
}

func TestSyncExportJiraCSV(t *testing.T) {
	res := analyseExample(t)
	want := workitems.FromFindings(res.Findings)
	out := filepath.Join(t.TempDir(), "items.csv")
	var stdout, stderr bytes.Buffer
	env := map[string]string{"TM_LS_JIRA_PROJECT": "OPS"}
	if code := runSyncEnv(context.Background(), []string{"--export", "jira-csv", "-o", out, example}, &stdout, &stderr, func(k string) string { return env[k] }); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows, want a header and %d items", len(rows), len(want))
	}
	if rows[1][0] != want[0].Title || !strings.Contains(strings.Join(rows[1], ","), want[0].Key) {
		t.Errorf("first row %q, want the item of %s", rows[1][:3], want[0].FindingID)
	}
}

func TestSyncExportToStdoutIsDeterministic(t *testing.T) {
	var a, b, stderr bytes.Buffer
	noenv := func(string) string { return "" }
	for _, out := range []*bytes.Buffer{&a, &b} {
		if code := runSyncEnv(context.Background(), []string{"--export", "ado-json", example}, out, &stderr, noenv); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	var docs [][]workitems.PatchOp
	if err := json.Unmarshal(a.Bytes(), &docs); err != nil || len(docs) == 0 {
		t.Fatalf("ado-json output: %v (%d documents)", err, len(docs))
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of the same workspace differ")
	}
}

func TestSyncUsageErrors(t *testing.T) {
	cases := map[string][]string{
		"give exactly one of --to TRACKER or --export FORMAT": {example},
		`--export "xml": want one of jira-csv`:                {"--export", "xml", example},
		"-o only applies to --export":                         {"--to", "jira", "-o", "x", example},
		"jira: set TM_LS_JIRA_URL, TM_LS_JIRA_EMAIL, TM_LS_JIRA_TOKEN, TM_LS_JIRA_PROJECT in the environment": {"--to", "jira", example},
		`unknown tracker "github"`:         {"--to", "github", example},
		"nope is not a readable directory": {"--export", "jira-csv", "nope"},
	}
	for want, args := range cases {
		var stdout, stderr bytes.Buffer
		if code := runSyncEnv(context.Background(), args, &stdout, &stderr, func(string) string { return "" }); code != 2 || !strings.Contains(stderr.String(), want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", args, code, stderr.String(), want)
		}
	}
}

// jiraStub answers searches with no issues (or a 401) and records requests.
type jiraStub struct {
	mu       gosync.Mutex
	requests []string
	status   int
}

func (j *jiraStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	j.mu.Lock()
	j.requests = append(j.requests, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
	j.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if j.status != 0 {
		w.WriteHeader(j.status)
		w.Write([]byte(`{"errorMessages":["Client must be authenticated to access this resource."],"errors":{}}`))
		return
	}
	if r.Method != "GET" || r.URL.Path != "/rest/api/3/search/jql" {
		w.WriteHeader(500)
		return
	}
	w.Write([]byte(`{"issues":[],"isLast":true}`))
}

func TestSyncDryRunNeverPrintsCredentials(t *testing.T) {
	res := analyseExample(t)
	const token = "ATATT-super-SECRET-token"
	for _, status := range []int{0, 401} {
		stub := &jiraStub{status: status}
		srv := httptest.NewServer(stub)
		env := map[string]string{"TM_LS_JIRA_URL": srv.URL, "TM_LS_JIRA_EMAIL": "ci@example.com", "TM_LS_JIRA_TOKEN": token, "TM_LS_JIRA_PROJECT": "SEC"}
		var stdout, stderr bytes.Buffer
		code := runSyncEnv(context.Background(), []string{"--to", "jira", "--dry-run", "-v", example}, &stdout, &stderr, func(k string) string { return env[k] })
		srv.Close()
		all := stdout.String() + stderr.String()
		basic := base64.StdEncoding.EncodeToString([]byte("ci@example.com:" + token))
		if strings.Contains(all, token) || strings.Contains(all, basic) {
			t.Errorf("status %d: a credential was printed:\n%s", status, all)
		}
		if len(stub.requests) == 0 || !strings.Contains(stub.requests[0], "Basic "+basic) {
			t.Fatalf("status %d: the tracker was not called with the credentials: %v", status, stub.requests)
		}
		if !strings.Contains(stderr.String(), "tracker request") {
			t.Errorf("status %d: -v logged no request, so the check above proves little:\n%s", status, stderr.String())
		}
		switch status {
		case 0:
			n := len(workitems.FromFindings(res.Findings))
			if code != 0 || !strings.Contains(stdout.String(), "jira: "+itoa(n)+" to create, 0 to update, 0 to close, 0 unchanged") ||
				!strings.Contains(stdout.String(), "dry run: nothing was changed") {
				t.Errorf("dry run: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
			}
			if len(stub.requests) != 1 {
				t.Errorf("a dry run sent %d requests, want only the search: %v", len(stub.requests), stub.requests)
			}
		case 401:
			if code != 1 || !strings.Contains(stderr.String(), "HTTP 401") || !strings.Contains(stderr.String(), "Client must be authenticated") {
				t.Errorf("401: exit %d, stderr:\n%s", code, stderr.String())
			}
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSyncRefusesAnAnalysisWithErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stub := &jiraStub{}
	srv := httptest.NewServer(stub)
	defer srv.Close()
	env := map[string]string{"TM_LS_JIRA_URL": srv.URL, "TM_LS_JIRA_EMAIL": "a@b.c", "TM_LS_JIRA_TOKEN": "t", "TM_LS_JIRA_PROJECT": "SEC"}
	var stdout, stderr bytes.Buffer
	code := runSyncEnv(context.Background(), []string{"--to", "jira", dir}, &stdout, &stderr, func(k string) string { return env[k] })
	if code != 2 || !strings.Contains(stderr.String(), "findings may be incomplete") || len(stub.requests) != 0 {
		t.Errorf("exit %d, %d requests, stderr:\n%s", code, len(stub.requests), stderr.String())
	}
}

// TestBaselineReadsTheJSONReport checks that the baseline package reads exactly what
// `tm-ls check --format json` writes (it keeps its own copy of the field names).
func TestBaselineReadsTheJSONReport(t *testing.T) {
	res := analyseExample(t)
	var buf bytes.Buffer
	if err := report.JSON(&buf, res, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Parse("check.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != len(res.Findings) {
		t.Fatalf("%d entries, want %d", len(b.Entries), len(res.Findings))
	}
	for _, f := range res.Findings {
		e, ok := b.Lookup(f.ID)
		if !ok || e.Severity != f.Severity || e.Status != f.Status || e.Residual != f.Residual || e.File != f.File || e.Line != f.Range.Start.Line || e.Title != f.Rule.Title {
			t.Errorf("%s: entry %+v does not match the finding", f.ID, e)
		}
	}
	d := baseline.Compare(b, res.Findings)
	if len(d.New)+len(d.Fixed)+len(d.SeverityChanged) != 0 {
		t.Errorf("a run compared with its own report differs: %+v", d)
	}
}
