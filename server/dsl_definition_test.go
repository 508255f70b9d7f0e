package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

// dslSession starts a server with the real analysis on a copy of testdata/dsl: a
// small Terraform file and two threat-model files, with non-ASCII text before some
// positions so that UTF-16 columns differ from byte columns.
func dslSession(t *testing.T) *testSession {
	t.Helper()
	ts := startServer(t, Options{})
	entries, err := os.ReadDir(filepath.Join("testdata", "dsl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata", "dsl", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		ts.write(e.Name(), string(b))
	}
	ts.initialize()
	return ts
}

// text returns the contents of a fixture file as written into the session root.
func (ts *testSession) text(rel string) string {
	ts.t.Helper()
	b, err := os.ReadFile(filepath.Join(ts.root, filepath.FromSlash(rel)))
	if err != nil {
		ts.t.Fatal(err)
	}
	return string(b)
}

// at returns the position of the n-th (0-based) occurrence of needle in a fixture
// file, plus delta bytes, computed by the harness (not the server's mapper).
func (ts *testSession) at(rel, needle string, n, delta int) protocol.Position {
	ts.t.Helper()
	text := ts.text(rel)
	off := -1
	for i, from := 0, 0; i <= n; i++ {
		j := strings.Index(text[from:], needle)
		if j < 0 {
			ts.t.Fatalf("%q occurs fewer than %d times in %s", needle, n+1, rel)
		}
		off = from + j
		from = off + 1
	}
	return lsptest.Position(text, off+delta)
}

// spanOf returns the range of the n-th occurrence of needle in a fixture file.
func (ts *testSession) spanOf(rel, needle string, n int) protocol.Range {
	return protocol.Range{Start: ts.at(rel, needle, n, 0), End: ts.at(rel, needle, n, len(needle))}
}

func tdpp(uri string, p protocol.Position) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}
}

func locStrings(ts *testSession, locs []protocol.Location) []string {
	var out []string
	for _, l := range locs {
		rel, err := filepath.Rel(ts.root, strings.TrimPrefix(string(l.URI), "file://"))
		if err != nil {
			rel = string(l.URI)
		}
		out = append(out, rel+":"+rangeString(l.Range))
	}
	sort.Strings(out)
	return out
}

func rangeString(r protocol.Range) string {
	return posString(r.Start) + "-" + posString(r.End)
}

func posString(p protocol.Position) string { return fmt.Sprintf("%d.%d", p.Line, p.Character) }

func TestDSLDefinition(t *testing.T) {
	ts := dslSession(t)
	flows := ts.uri("flows.tm.hcl")

	// On the line with non-ASCII text: `  /* naïve «🔒» */ from = actor.customer`.
	// "actor" starts at byte 31 but UTF-16 column 26.
	var locs []protocol.Location
	if err := ts.c.Call(ts.ctx, "textDocument/definition", tdpp(flows, pos(2, 35)), &locs); err != nil {
		t.Fatal(err)
	}
	want := []string{"model.tm.hcl:" + rangeString(ts.spanOf("model.tm.hcl", `"customer"`, 0))}
	if got := locStrings(ts, locs); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("definition of actor.customer = %v, want %v", got, want)
	}
	if want := "18.6-18.16"; len(locs) == 1 && rangeString(locs[0].Range) != want {
		t.Errorf("actor label range = %s, want %s", rangeString(locs[0].Range), want)
	}

	// A Terraform address jumps to the resource block header in main.tf.
	model := ts.uri("model.tm.hcl")
	if err := ts.c.Call(ts.ctx, "textDocument/definition", tdpp(model, ts.at("model.tm.hcl", "aws_lb.web", 0, 3)), &locs); err != nil {
		t.Fatal(err)
	}
	hdr := ts.spanOf("main.tf", `resource "aws_lb" "web"`, 0)
	if got := locStrings(ts, locs); len(got) != 1 || got[0] != "main.tf:"+rangeString(hdr) {
		t.Errorf("definition of aws_lb.web = %v, want main.tf:%s", got, rangeString(hdr))
	}

	// Outside every reference: nothing.
	var none []protocol.Location
	if err := ts.c.Call(ts.ctx, "textDocument/definition", tdpp(flows, pos(0, 3)), &none); err != nil || len(none) != 0 {
		t.Errorf("definition in a comment = %v, %v", none, err)
	}
}

func TestDSLReferences(t *testing.T) {
	ts := dslSession(t)
	model := ts.uri("model.tm.hcl")
	refs := func(uri string, p protocol.Position, decl bool) []string {
		t.Helper()
		var locs []protocol.Location
		params := tdpp(uri, p)
		params["context"] = map[string]any{"includeDeclaration": decl}
		if err := ts.c.Call(ts.ctx, "textDocument/references", params, &locs); err != nil {
			t.Fatal(err)
		}
		return locStrings(ts, locs)
	}

	// From the declaration of component.web_lb: both flows and the control refer to it.
	got := refs(model, ts.at("model.tm.hcl", `"web_lb"`, 0, 2), false)
	want := []string{
		"flows.tm.hcl:" + rangeString(ts.spanOf("flows.tm.hcl", "component.web_lb", 0)),
		"flows.tm.hcl:" + rangeString(ts.spanOf("flows.tm.hcl", "component.web_lb", 1)),
		"flows.tm.hcl:" + rangeString(ts.spanOf("flows.tm.hcl", "component.web_lb", 2)),
	}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("references of component.web_lb = %v, want %v", got, want)
	}
	withDecl := refs(model, ts.at("model.tm.hcl", `"web_lb"`, 0, 2), true)
	if len(withDecl) != 4 || !contains1(withDecl, "model.tm.hcl:"+rangeString(ts.spanOf("model.tm.hcl", `"web_lb"`, 0))) {
		t.Errorf("references with declaration = %v", withDecl)
	}

	// From a reference on the non-ASCII line (actor.customer at UTF-16 column 26).
	got = refs(ts.uri("flows.tm.hcl"), pos(2, 27), true)
	want = []string{"flows.tm.hcl:2.26-2.40", "model.tm.hcl:" + rangeString(ts.spanOf("model.tm.hcl", `"customer"`, 0))}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("references of actor.customer = %v, want %v", got, want)
	}

	// From the Terraform resource block in main.tf: the component claiming it.
	got = refs(ts.uri("main.tf"), ts.at("main.tf", `engine`, 0, 0), true)
	want = []string{
		"main.tf:" + rangeString(ts.spanOf("main.tf", `resource "aws_db_instance" "orders"`, 0)),
		"model.tm.hcl:" + rangeString(ts.spanOf("model.tm.hcl", "aws_db_instance.orders", 0)),
	}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("references of aws_db_instance.orders = %v, want %v", got, want)
	}
	// ...and from the address in the threat model, the same set.
	got2 := refs(model, ts.at("model.tm.hcl", "aws_db_instance.orders", 0, 4), true)
	if strings.Join(got2, " ") != strings.Join(want, " ") {
		t.Errorf("references from the DSL address = %v, want %v", got2, want)
	}
	// A resource nobody claims has no references.
	if got := refs(ts.uri("main.tf"), ts.at("main.tf", `shop-uploads`, 0, 0), false); len(got) != 0 {
		t.Errorf("references of an unclaimed resource = %v", got)
	}
}

func contains1(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestDSLDocumentSymbols(t *testing.T) {
	ts := dslSession(t)
	var syms []protocol.DocumentSymbol
	if err := ts.c.Call(ts.ctx, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": ts.uri("flows.tm.hcl")}}, &syms); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range syms {
		got = append(got, fmt.Sprintf("%s|%s|%v|%s|%s", s.Name, s.Detail, s.Kind, rangeString(s.Range), rangeString(s.SelectionRange)))
	}
	want := []string{
		fmt.Sprintf("flow.shop|flow · actor.customer → component.web_lb|%v|1.0-8.1|%s", protocol.SymbolKindEvent, rangeString(ts.spanOf("flows.tm.hcl", `"shop"`, 0))),
		fmt.Sprintf("flow.orders|flow · component.web_lb → component.orders_db|%v|10.0-16.1|%s", protocol.SymbolKindEvent, rangeString(ts.spanOf("flows.tm.hcl", `"orders"`, 0))),
		fmt.Sprintf("control.waf|control · planned|%v|18.0-22.1|%s", protocol.SymbolKindProperty, rangeString(ts.spanOf("flows.tm.hcl", `"waf"`, 0))),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("symbols:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Terraform files keep their symbols.
	if err := ts.c.Call(ts.ctx, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": ts.uri("main.tf")}}, &syms); err != nil || len(syms) != 4 || syms[0].Name != "aws_vpc.main" {
		t.Errorf("main.tf symbols = %+v, %v", syms, err)
	}
	// Workspace symbols find the threat model's elements too, and Terraform's.
	var ws []protocol.SymbolInformation
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": "ORDERS"}, &ws); err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, s := range ws {
		found = append(found, fmt.Sprintf("%s|%v|%s", s.Name, s.Kind, s.Location.URI))
		if s.Name == "flow.orders" && s.Location.Range != ts.spanOf("flows.tm.hcl", `"orders"`, 0) {
			t.Errorf("flow.orders at %v", s.Location.Range)
		}
	}
	joined := strings.Join(found, "\n")
	for _, want := range []string{
		fmt.Sprintf("flow.orders|%v|%s", protocol.SymbolKindEvent, ts.uri("flows.tm.hcl")),
		fmt.Sprintf("component.orders_db|%v|", protocol.SymbolKindClass),
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("workspace symbols for ORDERS lack %s:\n%s", want, joined)
		}
	}
}

// TestDSLEndToEndBinary drives the real tm-ls binary over stdio on the fixture
// workspace: the editor features of *.tm.hcl files are advertised and answer with
// the real analysis.
func TestDSLEndToEndBinary(t *testing.T) {
	bin := tmlsBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	root := t.TempDir()
	entries, err := os.ReadDir(filepath.Join("testdata", "dsl"))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata", "dsl", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		texts[e.Name()] = string(b)
		if err := os.WriteFile(filepath.Join(root, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stderr := &syncWriter{}
	proc, err := lsptest.Start(ctx, stderr, bin, "serve", "--stdio")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("server stderr:\n%s", stderr.String())
		}
	}()
	c := proc.Client
	res, err := c.Initialize(ctx, pathToURI(root))
	if err != nil {
		t.Fatal(err)
	}
	caps := res.Capabilities
	if caps.CompletionProvider == nil || caps.DefinitionProvider != true || caps.ReferencesProvider != true || caps.DocumentFormattingProvider != true {
		t.Errorf("capabilities = %+v", caps)
	}
	if rp, ok := caps.RenameProvider.(map[string]any); !ok || rp["prepareProvider"] != true {
		t.Errorf("renameProvider = %#v, want prepareProvider", caps.RenameProvider)
	}
	flows, model := pathToURI(filepath.Join(root, "flows.tm.hcl")), pathToURI(filepath.Join(root, "model.tm.hcl"))
	for uri, name := range map[string]string{flows: "flows.tm.hcl", model: "model.tm.hcl"} {
		if err := c.Open(ctx, uri, texts[name]); err != nil {
			t.Fatal(err)
		}
	}

	// Definition from the reference after non-ASCII text.
	var locs []protocol.Location
	if err := c.Call(ctx, "textDocument/definition", tdpp(flows, pos(2, 35)), &locs); err != nil {
		t.Fatal(err)
	}
	if len(locs) != 1 || string(locs[0].URI) != model || locs[0].Range != rng(18, 6, 18, 16) {
		t.Errorf("definition = %+v", locs)
	}
	// Completion of component names.
	var list protocol.CompletionList
	p := lsptest.Position(texts["flows.tm.hcl"], strings.Index(texts["flows.tm.hcl"], "component.web_lb")+len("component."))
	if err := c.Call(ctx, "textDocument/completion", tdpp(flows, p), &list); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range list.Items {
		names = append(names, it.Label)
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "orders_db,web_lb" {
		t.Errorf("completion after component. = %v", names)
	}
	// Hover: the component's open threat from the real graph rules.
	var h protocol.Hover
	if err := c.Call(ctx, "textDocument/hover", tdpp(model, lsptest.Position(texts["model.tm.hcl"], strings.Index(texts["model.tm.hcl"], `"web_lb"`))), &h); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Contents.Value, "TM-GRAPH-INTERNET-NO-WAF") || !strings.Contains(h.Contents.Value, "**Boundary** `boundary.vpc` (trusted)") {
		t.Errorf("hover:\n%s", h.Contents.Value)
	}
	// Rename actor.customer, applied by the client; the renamed reference resolves.
	var we protocol.WorkspaceEdit
	params := tdpp(flows, pos(2, 35))
	params["newName"] = "shopper"
	if err := c.Call(ctx, "textDocument/rename", params, &we); err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyWorkspaceEdit(ctx, &we); err != nil {
		t.Fatal(err)
	}
	doc, _ := c.Doc(model)
	if !strings.Contains(doc.Text, `actor "shopper" {`) {
		t.Errorf("model after rename:\n%s", doc.Text)
	}
	err = c.WaitFor(ctx, "renamed reference to resolve", func() bool {
		locs = nil
		return c.Call(ctx, "textDocument/definition", tdpp(flows, pos(2, 35)), &locs) == nil && len(locs) == 1 && locs[0].Range == rng(18, 6, 18, 15)
	})
	if err != nil {
		t.Errorf("%v: %+v", err, locs)
	}
	// Formatting an unformatted buffer.
	if err := c.Replace(ctx, flows, "flow \"x\" {\nfrom=actor.shopper\nto = component.web_lb\n}\n"); err != nil {
		t.Fatal(err)
	}
	var edits []protocol.TextEdit
	if err := c.Call(ctx, "textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": flows}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits); err != nil {
		t.Fatal(err)
	}
	if len(edits) != 1 || edits[0].NewText != "flow \"x\" {\n  from = actor.shopper\n  to   = component.web_lb\n}\n" {
		t.Errorf("formatting edits = %+v", edits)
	}
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if code, err := proc.Wait(10 * time.Second); err != nil || code != 0 {
		t.Errorf("exit code %d, %v", code, err)
	}
}
