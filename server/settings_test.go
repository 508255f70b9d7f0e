package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

// initializeWith sends initialize with initializationOptions, then initialized.
func (ts *testSession) initializeWith(opts map[string]any) {
	ts.t.Helper()
	p := map[string]any{"processId": nil, "rootUri": pathToURI(ts.root), "capabilities": lsptest.Capabilities(),
		"workspaceFolders": []protocol.WorkspaceFolder{{URI: pathToURI(ts.root), Name: "ws"}}, "initializationOptions": opts}
	if err := ts.c.Call(ts.ctx, "initialize", p, nil); err != nil {
		ts.t.Fatal(err)
	}
	if err := ts.c.Notify(ts.ctx, "initialized", struct{}{}); err != nil {
		ts.t.Fatal(err)
	}
}

const settingsMain = `variable "tokens" {}

resource "aws_instance" "web" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_instance" "var" {
  ami = "ami-1"
  metadata_options {
    http_tokens = var.tokens
  }
  root_block_device {
    encrypted = true
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}
`

func TestInitializationOptions(t *testing.T) {
	ts := startServer(t, Options{})
	ts.write("main.tf", settingsMain)
	ts.initializeWith(map[string]any{"minimumSeverity": "medium", "showUnknown": true, "frameworks": []string{"pci-dss-4.0"}})
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-AWS-EC2-IMDSV1"))
	for _, d := range p.Diagnostics {
		if d.Code == "TM-AWS-S3-LOGGING" {
			t.Errorf("a low finding was published below minimumSeverity medium: %+v", d)
		}
	}
	var hint *protocol.Diagnostic
	for i, d := range p.Diagnostics {
		if d.Severity == protocol.DiagnosticSeverityHint && strings.HasPrefix(d.Message, "not decided:") {
			hint = &p.Diagnostics[i]
		}
	}
	if hint == nil || hint.Code != "TM-AWS-EC2-IMDSV1" || !strings.Contains(hint.Message, "unknown") || hint.Range.Start.Line != 10 {
		t.Errorf("showUnknown: want a hint on the unknown http_tokens (line 10), got %+v", hint)
	}
	var sum struct {
		Requirements map[string]int `json:"requirements"`
		Frameworks   map[string]int `json:"frameworks"`
		Top          []struct {
			Compliance []string `json:"compliance"`
		} `json:"top"`
	}
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.riskSummary"}, &sum); err != nil {
		t.Fatal(err)
	}
	for req := range sum.Requirements {
		if !strings.HasPrefix(req, "pci-dss-4.0:") {
			t.Errorf("requirement %s outside the client's frameworks", req)
		}
	}
	if len(sum.Frameworks) != 1 || sum.Frameworks["pci-dss-4.0"] == 0 || sum.Requirements["pci-dss-4.0:2.2.1"] == 0 || len(sum.Top) == 0 || len(sum.Top[0].Compliance) == 0 {
		t.Errorf("riskSummary frameworks/compliance = %+v", sum)
	}
}

func TestBaselineMarksNewFindings(t *testing.T) {
	ts := startServer(t, Options{})
	ts.write("main.tf", settingsMain)
	base := map[string]any{"tool": "tm-ls", "schema_version": 1, "summary": map[string]any{}, "diagnostics": []any{},
		"findings": []any{map[string]any{"id": "TM-AWS-EC2-IMDSV1@aws_instance.web", "rule_id": "TM-AWS-EC2-IMDSV1", "severity": "high",
			"status": "open", "resource": "aws_instance.web", "residual_risk": 16,
			"location": map[string]any{"file": "main.tf", "start": map[string]any{"line": 3, "column": 1, "byte": 0}, "end": map[string]any{"line": 3, "column": 1, "byte": 0}}}}}
	b, _ := json.Marshal(base)
	ts.write("baseline.json", string(b))
	ts.write(".tm-ls.hcl", "baseline = \"baseline.json\"\n")
	ts.initialize()
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-AWS-S3-VERSIONING"))
	for _, d := range p.Diagnostics {
		isNew := strings.HasPrefix(d.Message, "[new] ")
		switch {
		case d.Code == "TM-AWS-EC2-IMDSV1" && d.Range.Start.Line == 2 && isNew:
			t.Errorf("a baseline finding is marked new: %s", d.Message)
		case d.Code == "TM-AWS-S3-VERSIONING" && !isNew:
			t.Errorf("a finding absent from the baseline is not marked new: %s", d.Message)
		}
	}
}

func TestAttackPathsAndOTMExport(t *testing.T) {
	ts := startServer(t, Options{})
	src := filepath.Join("..", "testdata", "examples", "three-tier-aws")
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, _ := os.ReadFile(p)
		ts.write(filepath.ToSlash(rel), string(b))
		return nil
	})
	ts.initialize()
	var paths struct {
		Paths []struct {
			Source, Target string
			Nodes          []string
			Risk           float64
			Level          string
			Location       *struct{ URI string }
		} `json:"paths"`
	}
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.attackPaths"}, &paths); err != nil {
		t.Fatal(err)
	}
	if len(paths.Paths) == 0 {
		t.Fatal("no attack paths in the three-tier example")
	}
	top := paths.Paths[0]
	if len(top.Nodes) < 2 || top.Nodes[0] != top.Source || top.Nodes[len(top.Nodes)-1] != top.Target || top.Level == "" || top.Location == nil {
		t.Errorf("top path = %+v", top)
	}
	for i := 1; i < len(paths.Paths); i++ {
		if paths.Paths[i].Risk > paths.Paths[i-1].Risk {
			t.Errorf("paths not ranked by risk: %v after %v", paths.Paths[i].Risk, paths.Paths[i-1].Risk)
		}
	}
	var otm map[string]any
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.exportModel", "arguments": []any{nil, "otm"}}, &otm); err != nil {
		t.Fatal(err)
	}
	if otm["otmVersion"] != "0.2.0" || len(otm["components"].([]any)) == 0 || len(otm["trustZones"].([]any)) == 0 {
		t.Errorf("OTM export = %.300v", otm)
	}
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.exportModel", "arguments": []any{nil, "pdf"}}, nil); err == nil {
		t.Error("an unknown export format was accepted")
	}
}

// TestRulePackReloadedWhenEdited: a rule pack named in .tm-ls.hcl is loaded again
// when one of its files changes on disk (didChangeWatchedFiles), with no restart.
func TestRulePackReloadedWhenEdited(t *testing.T) {
	ts := startServer(t, Options{})
	ts.write("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n")
	ts.write(".tm-ls.hcl", "rules {\n  paths = [\"rules\"]\n}\n")
	ts.write("rules/acme.hcl", "# no rules yet\n")
	ts.initialize()
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-AWS-S3-VERSIONING"))
	if lsptest.FindCode(p.Diagnostics, "ACME-S3-TAGS") != nil {
		t.Fatal("pack rule present before it was written")
	}
	pack, err := os.ReadFile(filepath.Join("..", "testdata", "rulepack", "good", "acme.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	ts.write("rules/acme.hcl", string(pack))
	if err := ts.c.Notify(ts.ctx, "workspace/didChangeWatchedFiles", map[string]any{
		"changes": []map[string]any{{"uri": ts.uri("rules/acme.hcl"), "type": 2}}}); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("main.tf", lsptest.HasCode("ACME-S3-TAGS"))
}

// TestResourceHoverShowsThreatModel: hovering a resource shows the component it is in
// the threat model, its trust boundary and its flows in and out.
func TestResourceHoverShowsThreatModel(t *testing.T) {
	ts := startServer(t, Options{})
	src := filepath.Join("..", "testdata", "examples", "three-tier-aws")
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, _ := os.ReadFile(p)
		ts.write(filepath.ToSlash(rel), string(b))
		return nil
	})
	ts.initialize()
	ts.waitDiags("data.tf", lsptest.HasCode("TM-AWS-RDS-PUBLIC"))
	text, _ := os.ReadFile(filepath.Join(ts.root, "data.tf"))
	line := strings.Count(string(text[:strings.Index(string(text), `resource "aws_db_instance" "orders"`)]), "\n")
	var h protocol.Hover
	if err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("data.tf"), uint32(line+1), 4), &h); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"**Threat model** `component.orders_db` · datastore in `boundary.vpc` (trusted)", "Flows in", "`component.web` POSTGRES 5432"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}
}
