package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
)

func TestParseValid(t *testing.T) {
	src := `
rules {
  disable  = ["TM-AWS-S3-LOGGING"]
  severity = { "TM-AWS-EC2-PUBLIC-IP" = "low" }
  paths    = ["./security/rules", "/abs/rules"]
}
frameworks = ["pci-dss-4.0", "dora"]
exclude    = ["examples/**"]
fail_on    = "critical"
baseline   = "tm-baseline.json"
`
	cfg, diags := Parse(FileName, []byte(src), "/ws")
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %+v", diags)
	}
	if got := strings.Join(cfg.Disable, ","); got != "TM-AWS-S3-LOGGING" {
		t.Errorf("Disable = %q", got)
	}
	if cfg.Severity["TM-AWS-EC2-PUBLIC-IP"] != model.SeverityLow {
		t.Errorf("Severity = %v", cfg.Severity)
	}
	if want := []string{"/ws/security/rules", "/abs/rules"}; strings.Join(cfg.RuleDirs, ",") != strings.Join(want, ",") {
		t.Errorf("RuleDirs = %v, want %v", cfg.RuleDirs, want)
	}
	if cfg.FailOn == nil || *cfg.FailOn != model.SeverityCritical {
		t.Errorf("FailOn = %v", cfg.FailOn)
	}
	if cfg.Baseline != "tm-baseline.json" || len(cfg.Frameworks) != 2 || cfg.Exclude[0] != "examples/**" {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestParseErrorsArePrecise(t *testing.T) {
	cases := []struct {
		name, src, want string
		line, col       int
	}{
		{"unknown attribute", "colour = \"red\"\n", "Unsupported argument", 1, 1},
		{"bad severity value", "rules {\n  severity = { \"TM-AWS-X-Y\" = \"urgent\" }\n}\n", `got "urgent"`, 2, 31},
		{"bad rule id", "rules {\n  disable = [\"s3-logging\"]\n}\n", "is not a rule ID", 2, 13},
		{"bad fail_on", "fail_on = \"sometimes\"\n", "fail_on must be one of", 1, 11},
		{"syntax error", "rules {\n  disable = [\n", "", 0, 0},
		{"wrong type", "frameworks = \"pci\"\n", "must be a list of strings", 1, 14},
		{"two rules blocks", "rules {}\nrules {}\n", "only one rules block", 2, 1},
		{"non-literal", "frameworks = [var.x]\n", "", 1, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse(FileName, []byte(tc.src), "/ws")
			if len(diags) == 0 {
				t.Fatalf("no diagnostic for %q", tc.src)
			}
			d := diags[0]
			if d.File != FileName || d.Code != "config" {
				t.Errorf("diagnostic %+v lacks file or code", d)
			}
			if !strings.Contains(d.Summary+d.Detail, tc.want) {
				t.Errorf("summary %q does not contain %q", d.Summary, tc.want)
			}
			if tc.line > 0 && d.Range.Start.Line != tc.line {
				t.Errorf("line = %d, want %d (%+v)", d.Range.Start.Line, tc.line, d)
			}
			if tc.col > 0 && d.Range.Start.Column != tc.col {
				t.Errorf("column = %d, want %d (%+v)", d.Range.Start.Column, tc.col, d)
			}
		})
	}
}

func TestLoadMissingFileIsEmpty(t *testing.T) {
	cfg, diags := Load(t.TempDir())
	if len(diags) != 0 || cfg == nil || len(cfg.Disable) != 0 {
		t.Fatalf("Load of empty dir = %+v, %+v", cfg, diags)
	}
}

func TestLoadKeepsValidPartsOfABrokenFile(t *testing.T) {
	dir := t.TempDir()
	src := "rules {\n  disable = [\"TM-AWS-S3-LOGGING\"]\n  colour = 1\n}\n"
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, diags := Load(dir)
	if len(diags) != 1 || diags[0].Range.Start.Line != 3 {
		t.Fatalf("diags = %+v", diags)
	}
	if len(cfg.Disable) != 1 {
		t.Errorf("valid disable list was lost: %+v", cfg)
	}
}
