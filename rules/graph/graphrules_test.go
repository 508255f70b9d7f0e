package graphrules

import (
	"context"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/rules/compliance"
)

func TestBuiltinCompilesAndCitesRealRequirements(t *testing.T) {
	cat, diags := Builtin()
	if len(diags) > 0 {
		t.Fatalf("built-in graph rules: %v", diags)
	}
	if len(cat.Rules()) < 8 {
		t.Fatalf("only %d graph rules", len(cat.Rules()))
	}
	targets := map[string]int{}
	for _, r := range cat.Rules() {
		targets[r.Target]++
		if !strings.HasPrefix(r.Meta.ID, "TM-GRAPH-") || r.Meta.Title == "" || r.Meta.Remediation == "" || r.Meta.Description == "" {
			t.Errorf("%s: incomplete metadata", r.Meta.ID)
		}
		for _, c := range r.Meta.Compliance {
			if _, ok := compliance.Lookup(c); !ok {
				t.Errorf("%s cites %s, which the compliance catalogue does not know", r.Meta.ID, c)
			}
		}
	}
	for _, tg := range Targets {
		if targets[tg] == 0 {
			t.Errorf("no built-in rule targets %s", tg)
		}
	}
}

func eval(t *testing.T, cat *Catalog, id string, e, from, to map[string]any) bool {
	t.Helper()
	r := cat.Rule(id)
	if r == nil {
		t.Fatalf("no rule %s", id)
	}
	open, err := r.Eval(context.Background(), e, from, to)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return open
}

func TestBuiltinRulesDecideOnlyOnKnownFacts(t *testing.T) {
	cat, _ := Builtin()
	flow := func(enc any) map[string]any {
		m := map[string]any{"crosses_boundary": true, "sensitivity": 4, "protocol": "http"}
		if enc != nil {
			m["encrypted"] = enc
		}
		return m
	}
	untrusted := map[string]any{"trust": "untrusted", "name": "internet"}
	trusted := map[string]any{"trust": "trusted", "name": "api"}
	if !eval(t, cat, "TM-GRAPH-FLOW-UNENCRYPTED-CROSSING", flow(false), untrusted, trusted) {
		t.Error("plain flow across a boundary not flagged")
	}
	if eval(t, cat, "TM-GRAPH-FLOW-UNENCRYPTED-CROSSING", flow(nil), untrusted, trusted) {
		t.Error("unknown encryption flagged")
	}
	if eval(t, cat, "TM-GRAPH-FLOW-UNENCRYPTED-CROSSING", flow(true), untrusted, trusted) {
		t.Error("TLS flow flagged")
	}
	unauth := map[string]any{"authenticated": false}
	if !eval(t, cat, "TM-GRAPH-FLOW-UNAUTHENTICATED-TRUSTED", unauth, untrusted, trusted) {
		t.Error("unauthenticated flow into trusted not flagged")
	}
	if eval(t, cat, "TM-GRAPH-FLOW-UNAUTHENTICATED-TRUSTED", unauth, trusted, trusted) {
		t.Error("flow inside the trusted zone flagged")
	}
	comp := map[string]any{"kind": "datastore", "sensitivity": 3, "encrypted_at_rest": false, "internet_facing": false, "entry": false, "provider": "aws"}
	if !eval(t, cat, "TM-GRAPH-DATA-AT-REST-UNENCRYPTED", comp, nil, nil) {
		t.Error("unencrypted confidential store not flagged")
	}
	delete(comp, "encrypted_at_rest")
	if eval(t, cat, "TM-GRAPH-DATA-AT-REST-UNENCRYPTED", comp, nil, nil) {
		t.Error("unknown encryption at rest flagged")
	}
	lb := map[string]any{"kind": "load-balancer", "internet_facing": true, "entry": true, "waf": false}
	if !eval(t, cat, "TM-GRAPH-INTERNET-NO-WAF", lb, nil, nil) {
		t.Error("internet LB without WAF not flagged")
	}
	lb["rate_limit"] = true
	if eval(t, cat, "TM-GRAPH-INTERNET-NO-WAF", lb, nil, nil) {
		t.Error("rate-limited entry flagged")
	}
	if !eval(t, cat, "TM-GRAPH-ATTACK-PATH", map[string]any{"sensitivity": 4}, nil, nil) || eval(t, cat, "TM-GRAPH-ATTACK-PATH", map[string]any{"sensitivity": 2}, nil, nil) {
		t.Error("attack path threshold")
	}
}

func TestParseDiagnostics(t *testing.T) {
	src := `rule "X-1" {
  title      = "t"
  severity   = "urgent"
  likelihood = 3
  impact     = 3
  target     = "flow"
  condition  = "true"
}
rule "X-2" {
  title      = "t"
  severity   = "low"
  likelihood = 3
  impact     = 3
  target     = "bucket"
  condition  = "true"
}
rule "X-3" {
  title      = "t"
  severity   = "low"
  likelihood = 3
  impact     = 3
  target     = "flow"
  condition  = "e.port +"
}
rule "X-4" {
  title      = "t"
  severity   = "low"
  likelihood = 3
  impact     = 3
  target     = "component"
  condition  = "e.kind == 'datastore'"
  message    = "{e.name} is a {e.kind} ({e.nope})"
}
`
	rules, diags := Parse("pack.hcl", []byte(src))
	if len(rules) != 1 || rules[0].Meta.ID != "X-4" {
		t.Fatalf("want only X-4 compiled, got %d rules", len(rules))
	}
	want := map[int]string{3: "unknown severity", 14: "target \"bucket\"", 23: "does not compile"}
	for line, text := range want {
		found := false
		for _, d := range diags {
			if d.Range.Start.Line == line && strings.Contains(d.Summary, text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic %q on line %d: %+v", text, line, diags)
		}
	}
	msg := rules[0].Render(map[string]any{"name": "db", "kind": "datastore"}, nil, nil)
	if msg != "db is a datastore (?)" {
		t.Errorf("render: %q", msg)
	}
	if _, err := rules[0].Eval(context.Background(), map[string]any{}, nil, nil); err == nil {
		t.Error("reading a missing fact without has() must be a rule error, not a verdict")
	}
	if _, diags := Parse("bad.hcl", []byte("rule {")); len(diags) == 0 {
		t.Error("syntax error not reported")
	}
}

func TestCancelledContextStopsEvaluation(t *testing.T) {
	rules, diags := Parse("p.hcl", []byte(`rule "SLOW" {
  title      = "t"
  severity   = "low"
  likelihood = 1
  impact     = 1
  target     = "path"
  condition  = "e.steps.all(a, e.steps.all(b, e.steps.all(c, a != b || b == c)))"
}
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	steps := make([]any, 300)
	for i := range steps {
		steps[i] = "s"
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rules[0].Eval(ctx, map[string]any{"steps": steps}, nil, nil); err == nil {
		t.Error("a cancelled or too costly evaluation must fail")
	}
}

func TestConfigureAndWith(t *testing.T) {
	cat, _ := Builtin()
	n := len(cat.Rules())
	cfg := cat.Configure([]string{"TM-GRAPH-ATTACK-PATH"}, map[string]model.Severity{"TM-GRAPH-INTERNET-NO-WAF": model.SeverityCritical})
	if cfg.Rule("TM-GRAPH-ATTACK-PATH") != nil || len(cfg.Rules()) != n-1 {
		t.Error("disabled rule kept")
	}
	if cfg.Rule("TM-GRAPH-INTERNET-NO-WAF").Meta.Severity != model.SeverityCritical || cat.Rule("TM-GRAPH-INTERNET-NO-WAF").Meta.Severity == model.SeverityCritical {
		t.Error("severity override not applied, or applied to the original catalogue")
	}
	extra, _ := Parse("pack.hcl", []byte(`rule "ORG-1" {
  title      = "t"
  severity   = "low"
  likelihood = 1
  impact     = 1
  target     = "component"
  condition  = "e.kind == 'queue'"
}
rule "TM-GRAPH-ATTACK-PATH" {
  title      = "shadow"
  severity   = "low"
  likelihood = 1
  impact     = 1
  target     = "path"
  condition  = "false"
}
`))
	all, diags := cat.With(extra)
	if all.Rule("ORG-1") == nil || len(diags) != 1 || all.Rule("TM-GRAPH-ATTACK-PATH").Meta.Title == "shadow" {
		t.Errorf("With: %d rules, diags %v", len(all.Rules()), diags)
	}
}
