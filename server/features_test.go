package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

const featureTF = `resource "aws_kms_key" "k" {
  description = "key"
}

resource "aws_s3_bucket" "b" {
  kms = aws_kms_key.k.arn
  tag = "BAD"
}
`

func TestHover(t *testing.T) {
	fa := &fakeAnalyzer{}
	lookup := func(id string) (string, string, bool) {
		if id == "pci-dss-4.0:6.2.4" {
			return "PCI DSS 4.0", "Software engineering techniques prevent common attacks", true
		}
		return "", "", false
	}
	ts := startServer(t, Options{Analyze: fa.analyze, Compliance: lookup})
	ts.write("main.tf", featureTF)
	ts.initialize()
	ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))

	var h protocol.Hover
	if err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("main.tf"), 6, 10), &h); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"TM-TEST-TOKEN: Bad token present", "**Why it matters**", "**tamper**", "**STRIDE** tampering",
		"[CWE-20](https://cwe.mitre.org/data/definitions/20.html)",
		"`pci-dss-4.0:6.2.4` PCI DSS 4.0: Software engineering techniques prevent common attacks", "`nist-800-53:SI-10`",
		"likelihood 4 × impact 3 = inherent 12 (high)", "residual 12.0 (high)",
		"**Recommended control** Replace BAD with ok.", "**Fix available**", "**Severity** high", "`aws_s3_bucket.b`",
	} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("finding hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	if h.Contents.Kind != protocol.Markdown || h.Range == nil || *h.Range != rng(6, 9, 6, 12) {
		t.Errorf("hover kind/range = %v %v", h.Contents.Kind, h.Range)
	}

	// A resource without findings: type, address, references in and out.
	if err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("main.tf"), 1, 3), &h); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"`aws_kms_key.k`", "**Type** `aws_kms_key`", "No open threats", "**Referenced by**", "`aws_s3_bucket.b` (via `kms`)", "**References out** none"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("resource hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	// Outside any block: no hover (null).
	var none *protocol.Hover
	if err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("main.tf"), 3, 0), &none); err != nil || none != nil {
		t.Errorf("hover on a blank line = %+v, %v", none, err)
	}
}

func TestSuppressActionRoundTrip(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.initialize()
	uri := ts.uri("main.tf")
	text := "module \"m\" {\n  source = \"./m\"\n}\n\n  resource \"aws_s3_bucket\" \"b\" {\n    tag = \"BAD\"\n  }\n"
	if err := ts.c.Open(ts.ctx, uri, text); err != nil {
		t.Fatal(err)
	}
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	d := lsptest.FindCode(p.Diagnostics, "TM-TEST-TOKEN")

	var actions []protocol.CodeAction
	params := map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": d.Range,
		"context": map[string]any{"diagnostics": []protocol.Diagnostic{*d}},
	}
	if err := ts.c.Call(ts.ctx, "textDocument/codeAction", params, &actions); err != nil {
		t.Fatal(err)
	}
	var suppress *protocol.CodeAction
	for i := range actions {
		if actions[i].Title == "Suppress TM-TEST-TOKEN with a reason" {
			suppress = &actions[i]
		}
	}
	if suppress == nil {
		t.Fatalf("no suppress action in %+v", actions)
	}
	if suppress.Kind != protocol.QuickFix || len(suppress.Diagnostics) != 1 || suppress.Edit == nil || len(suppress.Edit.DocumentChanges) != 1 {
		t.Fatalf("suppress action = %+v", suppress)
	}
	dc := suppress.Edit.DocumentChanges[0]
	if dc.TextDocument.Version == nil || *dc.TextDocument.Version != 1 {
		t.Errorf("edit version = %v, want 1", dc.TextDocument.Version)
	}
	if err := ts.c.ApplyWorkspaceEdit(ts.ctx, suppress.Edit); err != nil {
		t.Fatal(err)
	}
	doc, _ := ts.c.Doc(uri)
	if !strings.Contains(doc.Text, "\n\n  # tm:ignore:TM-TEST-TOKEN TODO: reason\n  resource \"aws_s3_bucket\" \"b\" {\n") {
		t.Fatalf("suppression not inserted above the block with its indentation:\n%s", doc.Text)
	}
	ts.waitDiags("main.tf", lsptest.LacksCode("TM-TEST-TOKEN"))

	// `only` filters the kinds: a source-only request gets no quick fixes.
	params["context"] = map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}}
	if err := ts.c.Call(ts.ctx, "textDocument/codeAction", params, &actions); err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if a.Kind == protocol.QuickFix {
			t.Errorf("quick fix %q despite only=source.fixAll", a.Title)
		}
	}
}

func TestCodeLensAndSymbols(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("main.tf", featureTF+`
variable "v" {}
output "o" { value = 1 }
module "m" { source = "./m" }
data "aws_caller_identity" "me" {}
locals {
  a = 1
  b = "BAD needs_provider"
}
`)
	ts.initialize()
	uri := ts.uri("main.tf")
	ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))

	var lenses []protocol.CodeLens
	if err := ts.c.Call(ts.ctx, "textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}, &lenses); err != nil {
		t.Fatal(err)
	}
	if len(lenses) != 1 || lenses[0].Range != rng(4, 0, 4, 28) || lenses[0].Command != nil {
		t.Fatalf("lenses = %+v (want one unresolved lens on the bucket)", lenses)
	}
	ctx, cancel := context.WithTimeout(ts.ctx, 5*time.Second)
	defer cancel()
	if err := ts.c.WaitFor(ctx, "codeLens/refresh", func() bool { return len(ts.c.ServerRequestParams("workspace/codeLens/refresh")) > 0 }); err != nil {
		t.Errorf("no codeLens refresh after diagnostics changed: %v", err)
	}
	var resolved protocol.CodeLens
	if err := ts.c.Call(ts.ctx, "codeLens/resolve", lenses[0], &resolved); err != nil {
		t.Fatal(err)
	}
	if resolved.Command == nil || resolved.Command.Title != "1 threat · high" || resolved.Command.Command != cmdResourceFindings {
		t.Fatalf("resolved lens = %+v", resolved.Command)
	}
	var found []exportFinding
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": resolved.Command.Command, "arguments": resolved.Command.Arguments}, &found); err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].ID != "TM-TEST-TOKEN@aws_s3_bucket.b" {
		t.Errorf("lens command result = %+v", found)
	}

	var syms []protocol.DocumentSymbol
	if err := ts.c.Call(ts.ctx, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, &syms); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range syms {
		names = append(names, s.Name)
		for _, c := range s.Children {
			names = append(names, c.Name)
		}
	}
	want := "aws_kms_key.k aws_s3_bucket.b var.v output.o module.m data.aws_caller_identity.me locals local.a local.b"
	if strings.Join(names, " ") != want {
		t.Errorf("document symbols = %s\nwant %s", strings.Join(names, " "), want)
	}
	if syms[1].Kind != protocol.SymbolKindStruct || syms[1].SelectionRange != rng(4, 0, 4, 28) || syms[1].Range != rng(4, 0, 7, 1) {
		t.Errorf("bucket symbol = %+v", syms[1])
	}

	var ws []protocol.SymbolInformation
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": "s3"}, &ws); err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Name != "aws_s3_bucket.b" || string(ws[0].Location.URI) != uri {
		t.Errorf("workspace symbols = %+v", ws)
	}
}

func TestCommands(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("main.tf", featureTF+"resource \"x\" \"y\" {\n  a = needs_provider\n  b = \"BAD\"\n}\n")
	ts.initialize()
	ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-CROSS"))

	var sum riskSummaryResult
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.riskSummary"}, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Total != 3 || sum.Counts["high"] != 2 || sum.Counts["medium"] != 1 || sum.Counts["critical"] != 0 {
		t.Errorf("counts = %+v total %d", sum.Counts, sum.Total)
	}
	if sum.TotalInherent != 12+12+6 || sum.TotalResidual != 30 {
		t.Errorf("totals = %d / %v", sum.TotalInherent, sum.TotalResidual)
	}
	if len(sum.Top) != 3 || sum.Top[0].Residual != 12 || sum.Top[2].Rule != "TM-TEST-CROSS" || sum.Top[0].URI != ts.uri("main.tf") || sum.Top[0].Title != "Bad token present" {
		t.Errorf("top = %+v", sum.Top)
	}

	var exp exportResult
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.exportModel"}, &exp); err != nil {
		t.Fatal(err)
	}
	if len(exp.Resources) != 3 || len(exp.Findings) != 3 || exp.Resources[1].Address != "aws_s3_bucket.b" || strings.Join(exp.Resources[1].Refs, ",") != "aws_kms_key.k" {
		t.Errorf("export = %+v", exp)
	}

	// Written inside the workspace: fine. Outside, or through a symlink out: refused.
	inside := filepath.Join(ts.root, "out", "model.json")
	if err := os.MkdirAll(filepath.Dir(inside), 0o755); err != nil {
		t.Fatal(err)
	}
	var wrote map[string]string
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.exportModel", "arguments": []string{inside}}, &wrote); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(inside)
	var back exportResult
	if err != nil || json.Unmarshal(data, &back) != nil || len(back.Findings) != 3 {
		t.Fatalf("export file: %v %s", err, data)
	}
	outside := filepath.Join(t.TempDir(), "model.json")
	escape := filepath.Join(ts.root, "escape")
	if err := os.Symlink(filepath.Dir(outside), escape); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{outside, filepath.Join(ts.root, "..", "x.json"), filepath.Join(escape, "model.json"), "relative.json"} {
		err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.exportModel", "arguments": []string{target}}, nil)
		if lsptest.Code(err) != jsonrpc2.InvalidParams {
			t.Errorf("export to %s: %v, want refusal", target, err)
		}
	}
	if _, err := os.Stat(outside); err == nil {
		t.Error("export escaped the workspace")
	}
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.nope"}, nil); lsptest.Code(err) != jsonrpc2.InvalidParams {
		t.Errorf("unknown command: %v", err)
	}
	before := fa.calls.Load()
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.restart"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": ""}, nil); err != nil {
		t.Fatal(err)
	}
	if fa.calls.Load() == before {
		t.Error("restart did not re-analyse")
	}
}

func TestRequestsOutsideWorkspacesStartNoAnalysis(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.initialize()
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": ""}, nil); err != nil {
		t.Fatal(err)
	}
	before := len(ts.sessionOf().all())
	err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt("file:///etc/passwd.tf", 0, 0), nil)
	if lsptest.Code(err) != jsonrpc2.InvalidParams {
		t.Errorf("hover outside every workspace: %v", err)
	}
	err = ts.c.Call(ts.ctx, "codeLens/resolve", map[string]any{"range": rng(0, 0, 0, 0), "data": map[string]any{"uri": "file:///", "address": "x"}}, nil)
	if lsptest.Code(err) != jsonrpc2.InvalidParams {
		t.Errorf("lens for a foreign URI: %v", err)
	}
	if after := len(ts.sessionOf().all()); after != before {
		t.Errorf("requests created %d workspaces", after-before)
	}
}

func TestHoverShowsUndecidedRules(t *testing.T) {
	ts := startServer(t, Options{}) // the real analysis
	ts.write("main.tf", "variable \"tokens\" {}\n\nresource \"aws_instance\" \"u\" {\n  ami = \"x\"\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n")
	ts.initialize()
	var h protocol.Hover
	if err := ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("main.tf"), 3, 3), &h); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Contents.Value, "**Could not decide**") || !strings.Contains(h.Contents.Value, "`TM-AWS-EC2-IMDSV1`") {
		t.Errorf("hover on a resource with an unknown http_tokens:\n%s", h.Contents.Value)
	}
}
