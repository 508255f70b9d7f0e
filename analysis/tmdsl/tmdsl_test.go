package tmdsl

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const sample = `model "payments" {
  owner      = "team-payments"
  frameworks = ["pci-dss-4.0"]
}

data "card_number" {
  classification = "restricted"
}

boundary "vpc" {
  trust     = "trusted"
  terraform = [aws_vpc.main]
}

actor "customer" {
  boundary = boundary.vpc
}

component "api" {
  kind      = "service"
  boundary  = boundary.vpc
  terraform = [aws_lb.api, module.svc.aws_ecs_service.api["x"]]
  stores    = [data.card_number]
}

flow "checkout" {
  from          = actor.customer
  to            = component.api
  protocol      = "https"
  data          = [data.card_number]
  authenticated = true
}

control "waf" {
  mitigates     = ["TM-GRAPH-INTERNET-NO-WAF"]
  on            = [component.api]
  status        = "implemented"
  effectiveness = 0.7
}

accept "TM-AWS-S3-LOGGING" {
  on     = [component.api]
  reason = "log bucket"
  owner  = "sec"
  until  = "2027-03-31"
}
`

func TestLoadDeclarationsAndReferences(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"threat-model.tm.hcl": sample})
	ws, diags := Load(dir, nil)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %+v", diags)
	}
	if ws.Model == nil || ws.Model.Str["owner"] != "team-payments" || ws.Model.List["frameworks"][0] != "pci-dss-4.0" {
		t.Fatalf("model not decoded: %+v", ws.Model)
	}
	api := ws.Lookup("component.api")
	if api == nil || api.Str["kind"] != "service" {
		t.Fatalf("component.api: %+v", api)
	}
	tf := api.Refs["terraform"]
	if len(tf) != 2 || tf[0].Address != "aws_lb.api" || tf[1].Address != `module.svc.aws_ecs_service.api["x"]` {
		t.Fatalf("terraform refs: %+v", tf)
	}
	if tf[0].Range.Start.Line != 22 || tf[0].Range.Start.Column != 16 {
		t.Errorf("aws_lb.api range: %+v", tf[0].Range)
	}
	if c := ws.Lookup("control.waf"); c.Num["effectiveness"] != 0.7 || c.Str["status"] != "implemented" {
		t.Errorf("control: %+v", c)
	}
	if a := ws.Lookup("accept.TM-AWS-S3-LOGGING"); a == nil || a.Str["until"] != "2027-03-31" {
		t.Errorf("accept: %+v", a)
	}
	refs := ws.References("data.card_number")
	if len(refs) != 2 {
		t.Fatalf("references to data.card_number: %d", len(refs))
	}
	// The cursor on `component.api` in the flow finds that reference.
	off := strings.Index(sample, "to            = component.api") + len("to            = ")
	d, r := ws.At("threat-model.tm.hcl", off+3)
	if r == nil || r.Address != "component.api" || d.Address != "flow.checkout" {
		t.Fatalf("At: %v %v", d, r)
	}
	if def := ws.Definition(r.Address); def == nil || def.LabelRange.Start.Line != 19 {
		t.Fatalf("Definition: %+v", def)
	}
}

func TestDiagnostics(t *testing.T) {
	src := `component "api" {
  kind     = "service"
  boundary = component.db
  stores   = [data.nope]
}
component "api" {
  kind = "service"
}
data "x" {
  classification = "secret"
}
flow "f" {
  from = actor.customer
  to   = component.api
  port = "x"
}
control "c" {
  mitigates = ["R"]
  on = ["component.api"]
  effectiveness = 2
}
accept "R" {
  reason = "r"
  owner = "o"
  until = "tomorrow"
}
widget "w" {}
`
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.tm.hcl": src, "b.tm.hcl": "component \"db\" { kind = \"datastore\" }\n"})
	_, diags := Load(dir, nil)
	want := []struct {
		line int
		text string
	}{
		{3, "boundary must refer to a boundary"},
		{4, `no data named "nope"`},
		{6, `duplicate component "api"`},
		{10, `classification "secret" is not one of`},
		{13, `no actor named "customer"`},
		{15, "port must be a number"},
		{19, "on holds references, not values"},
		{20, "effectiveness must be between 0 and 1"},
		{25, `until "tomorrow" is not a date`},
		{27, `unknown block type "widget"`},
	}
	for _, w := range want {
		found := false
		for _, d := range diags {
			if d.Range.Start.Line == w.line && strings.Contains(d.Summary, w.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic %q on line %d; got %v", w.text, w.line, summaries(diags))
		}
	}
}

func summaries(ds []model.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.File+":"+itoa(d.Range.Start.Line)+": "+d.Summary)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestImportsAndCycles(t *testing.T) {
	base := t.TempDir()
	write(t, base, map[string]string{
		"identity/model.tm.hcl": `model "identity" {
  import "payments" { source = "../payments" }
}
component "idp" { kind = "identity" }
`,
		"payments/model.tm.hcl": `model "payments" {
  import "identity" { source = "../identity" }
}
flow "login" {
  from = component.api
  to   = component.idp
}
component "api" { kind = "service" }
`,
	})
	ws, diags := Load(filepath.Join(base, "payments"), nil)
	if ws.Lookup("component.idp") == nil || !ws.Lookup("component.idp").Imported {
		t.Fatalf("imported component not loaded")
	}
	var cycle *model.Diagnostic
	for i, d := range diags {
		if d.Code == "import-cycle" {
			cycle = &diags[i]
		}
		if d.Code == "unknown-reference" {
			t.Errorf("imported declaration not resolved: %v", d.Summary)
		}
	}
	if cycle == nil {
		t.Fatalf("no import cycle diagnostic: %v", summaries(diags))
	}
	if cycle.File != "../identity/model.tm.hcl" || cycle.Range.Start.Line != 2 {
		t.Errorf("cycle located at %s:%d", cycle.File, cycle.Range.Start.Line)
	}
}

func TestOverlayAndSyntaxError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.tm.hcl")
	ws, diags := Load(dir, map[string][]byte{p: []byte("component \"a\" {\n  kind = \n}\ncomponent \"b\" { kind = \"queue\" }\n")})
	if len(diags) == 0 || diags[0].Code != "syntax" {
		t.Fatalf("want a syntax diagnostic, got %v", summaries(diags))
	}
	if ws.Lookup("component.b") == nil {
		t.Errorf("declarations after a syntax error are lost")
	}
}

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and every
// diagnostic must name the file.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("component \"a\" { kind = [\n"))
	f.Add([]byte("flow \"x\" { from = component.a.b.c[0] to = 1 }"))
	f.Add([]byte("model \"m\" { import \"i\" { source = 3 } }\naccept \"R\" { on = [a[\"x\"]] }"))
	f.Add([]byte("\xff\xfe\x00component"))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "x.tm.hcl")
		_, diags := Load(dir, map[string][]byte{p: src})
		for _, d := range diags {
			if d.File != "x.tm.hcl" {
				t.Fatalf("diagnostic without the file: %+v", d)
			}
		}
	})
}
