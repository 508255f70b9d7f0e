package server

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	"github.com/tm-ls/tm-ls/server/lsptest"
)

// TestDSLCompletionTablesMatchSchemas keeps the server's value and reference tables
// in step with the language: every attribute they name must exist in tmdsl.Schemas.
func TestDSLCompletionTablesMatchSchemas(t *testing.T) {
	check := func(table string, kind, attr string) {
		if _, ok := tmdsl.Schemas[kind][attr]; !ok {
			t.Errorf("%s names %s.%s, which the language does not have", table, kind, attr)
		}
	}
	for k, attrs := range dslValues {
		for a := range attrs {
			check("dslValues", k, a)
		}
	}
	for k, attrs := range dslBools {
		for a := range attrs {
			check("dslBools", k, a)
		}
	}
	for k, attrs := range dslRuleLists {
		for a := range attrs {
			check("dslRuleLists", k, a)
		}
	}
	for k, attrs := range dslRefTargets {
		for a := range attrs {
			check("dslRefTargets", k, a)
		}
	}
	for _, k := range dslBlockKinds {
		if _, ok := tmdsl.Schemas[k]; !ok {
			t.Errorf("block kind %s is not in tmdsl.Schemas", k)
		}
	}
	if len(dslBlockKinds) != len(tmdsl.Schemas) {
		t.Errorf("%d block kinds offered, the language has %d", len(dslBlockKinds), len(tmdsl.Schemas))
	}
}

func TestDSLCompletion(t *testing.T) {
	ts := dslSession(t)
	uri := ts.uri("edit.tm.hcl")
	if err := ts.c.Open(ts.ctx, uri, ""); err != nil {
		t.Fatal(err)
	}
	const caret = "‸"
	// complete replaces the document with text (the caret marks the cursor) and
	// returns the items and the cursor position computed by the harness.
	complete := func(text string) ([]protocol.CompletionItem, string, protocol.Position) {
		t.Helper()
		off := strings.Index(text, caret)
		text = strings.Replace(text, caret, "", 1)
		if err := ts.c.Replace(ts.ctx, uri, text); err != nil {
			t.Fatal(err)
		}
		p := lsptest.Position(text, off)
		var list protocol.CompletionList
		if err := ts.c.Call(ts.ctx, "textDocument/completion", tdpp(uri, p), &list); err != nil {
			t.Fatal(err)
		}
		return list.Items, text, p
	}
	find := func(items []protocol.CompletionItem, label string) *protocol.CompletionItem {
		for i := range items {
			if items[i].Label == label {
				return &items[i]
			}
		}
		return nil
	}
	labels := func(items []protocol.CompletionItem) string {
		var out []string
		for _, it := range items {
			out = append(out, it.Label)
		}
		return strings.Join(out, ",")
	}

	// Top level: block types (model is declared already), replacing the typed word.
	items, _, p := complete("# «é» 🔒\ncomp" + caret)
	if got := labels(items); got != "data,boundary,actor,component,flow,control,accept" {
		t.Errorf("top-level items = %s", got)
	}
	if it := find(items, "component"); it == nil || it.Kind != protocol.CompletionItemKindKeyword || it.TextEdit == nil ||
		it.TextEdit.NewText != "component" || it.TextEdit.Range != (protocol.Range{Start: pos(1, 0), End: p}) {
		t.Errorf("component item = %+v", it)
	}

	// Attribute names of the enclosing block, without those already written.
	items, _, p = complete("component \"c\" {\n  kind = \"service\"\n  " + caret + "\n}\n")
	if got := labels(items); got != "boundary,description,processes,stores,terraform" {
		t.Errorf("component attributes = %s", got)
	}
	if it := find(items, "terraform"); it == nil || it.Kind != protocol.CompletionItemKindProperty || it.TextEdit.NewText != "terraform = " || it.TextEdit.Range != (protocol.Range{Start: p, End: p}) {
		t.Errorf("terraform item = %+v", it)
	}
	items, _, _ = complete("model \"m\" {\n  o" + caret + "\n}\n")
	if find(items, "owner") == nil || find(items, "import") == nil || find(items, "kind") != nil {
		t.Errorf("model items = %s", labels(items))
	}
	items, _, _ = complete("model \"m\" {\n  import \"x\" {\n    " + caret + "\n  }\n}\n")
	if labels(items) != "source" {
		t.Errorf("import items = %s", labels(items))
	}

	// An enum value inside a string, after non-ASCII text on the same line: the edit
	// replaces the string's contents typed so far, in UTF-16 columns.
	items, text, p := complete("data \"d\" {\n  /* «é» 🔒 */ classification = \"con" + caret + "\"\n}\n")
	if labels(items) != "public,internal,confidential,restricted" {
		t.Errorf("classification items = %s", labels(items))
	}
	it := find(items, "confidential")
	wantStart := lsptest.Position(text, strings.Index(text, `"con`)+1)
	if it == nil || it.Kind != protocol.CompletionItemKindEnumMember || it.TextEdit.NewText != "confidential" || it.TextEdit.Range != (protocol.Range{Start: wantStart, End: p}) {
		t.Errorf("confidential item = %+v, want range %v-%v", it, wantStart, p)
	}
	if wantStart != pos(1, 33) {
		t.Errorf("harness column = %v, want 1:33 (UTF-16)", wantStart)
	}
	// Without quotes the value is inserted quoted.
	items, _, _ = complete("boundary \"b\" {\n  trust = " + caret + "\n}\n")
	if it := find(items, "semi-trusted"); it == nil || it.TextEdit.NewText != `"semi-trusted"` {
		t.Errorf("trust item = %+v", it)
	}
	items, _, _ = complete("flow \"f\" {\n  encrypted = " + caret + "\n}\n")
	if labels(items) != "true,false" {
		t.Errorf("bool items = %s", labels(items))
	}

	// References after "kind.": the declared names of that kind; the edit replaces
	// only the part after the dot.
	items, _, p = complete("flow \"f\" {\n  /* 🔒 */ from = component.w" + caret + "\n}\n")
	if labels(items) != "web_lb,orders_db" && labels(items) != "orders_db,web_lb" {
		t.Errorf("component names = %s", labels(items))
	}
	if it := find(items, "web_lb"); it == nil || it.TextEdit.Range != (protocol.Range{Start: protocol.Position{Line: p.Line, Character: p.Character - 1}, End: p}) || it.TextEdit.NewText != "web_lb" {
		t.Errorf("web_lb item = %+v (cursor %v)", it, p)
	}
	// Before any dot: every declared element of an allowed kind.
	items, _, _ = complete("flow \"f\" {\n  to = " + caret + "\n}\n")
	if find(items, "component.web_lb") == nil || find(items, "actor.customer") == nil || find(items, "data.orders") != nil || find(items, "aws_lb") != nil {
		t.Errorf("flow.to items = %s", labels(items))
	}

	// Terraform addresses: types first, then names of that type.
	items, _, _ = complete("component \"c\" {\n  terraform = [aws_lb.web, " + caret + "]\n}\n")
	if labels(items) != "aws_db_instance,aws_lb,aws_s3_bucket,aws_vpc" {
		t.Errorf("terraform types = %s", labels(items))
	}
	if it := find(items, "aws_s3_bucket"); it == nil || it.Kind != protocol.CompletionItemKindClass {
		t.Errorf("type item = %+v", it)
	}
	items, _, p = complete("component \"c\" {\n  terraform = [\n    aws_s3_bucket." + caret + "\n  ]\n}\n")
	if it := find(items, "uploads"); len(items) != 1 || it == nil || it.Kind != protocol.CompletionItemKindField || it.TextEdit.Range != (protocol.Range{Start: p, End: p}) {
		t.Errorf("terraform names = %+v", items)
	}
	// control.on takes elements and Terraform addresses.
	items, _, _ = complete("control \"c\" {\n  on = [" + caret + "]\n}\n")
	if find(items, "component.web_lb") == nil || find(items, "flow.shop") == nil || find(items, "aws_vpc") == nil || find(items, "data.orders") != nil {
		t.Errorf("control.on items = %s", labels(items))
	}
	// Rule IDs for mitigates.
	items, _, _ = complete("control \"c\" {\n  mitigates = [\"TM-GRAPH-INT" + caret + "\"]\n}\n")
	if it := find(items, "TM-GRAPH-INTERNET-NO-WAF"); it == nil || it.TextEdit.NewText != "TM-GRAPH-INTERNET-NO-WAF" {
		t.Errorf("rule ID items lack TM-GRAPH-INTERNET-NO-WAF (%d items)", len(items))
	}

	// The label of an accept block is a rule ID.
	items, text, p = complete("# «é» 🔒\naccept \"TM-AWS-RDS-DEL" + caret + "\" {\n}\n")
	if it := find(items, "TM-AWS-RDS-DELETION-PROTECTION"); it == nil || it.TextEdit.NewText != "TM-AWS-RDS-DELETION-PROTECTION" ||
		it.TextEdit.Range != (protocol.Range{Start: lsptest.Position(text, strings.Index(text, "TM-")), End: p}) {
		t.Errorf("accept label item = %+v", it)
	}
	// Other labels get nothing.
	if items, _, _ = complete("component \"we" + caret + "\" {\n}\n"); len(items) != 0 {
		t.Errorf("component label items = %s", labels(items))
	}

	// Terraform files: nothing.
	var list protocol.CompletionList
	if err := ts.c.Call(ts.ctx, "textDocument/completion", tdpp(ts.uri("main.tf"), pos(2, 2)), &list); err != nil || len(list.Items) != 0 {
		t.Errorf("completion in main.tf = %+v, %v", list.Items, err)
	}
}

// TestDSLEveryPosition asks every DSL feature at every character of the fixture's
// threat-model files and of broken buffers: answers are results or a "request
// failed" refusal (rename), never an internal error.
func TestDSLEveryPosition(t *testing.T) {
	ts := dslSession(t)
	broken := map[string]string{
		"broken1.tm.hcl": "component \"x\" {\n  kind = \"serv\n  terraform = [aws_lb.\n",
		"broken2.tm.hcl": "flow \"f\" { from = ${ [[[ {{ \"é🔒\" }}} ]\n}}}}\ncontrol {\n  on = [component.]\n",
		"broken3.tm.hcl": "\xff\xfe data \"d\" {\n classification = <<EOT\nrestricted\n",
	}
	for name, text := range broken {
		if err := ts.c.Open(ts.ctx, ts.uri(name), text); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{"model.tm.hcl": ts.text("model.tm.hcl"), "flows.tm.hcl": ts.text("flows.tm.hcl")}
	for k, v := range broken {
		files[k] = v
	}
	calls := 0
	for name, text := range files {
		uri := ts.uri(name)
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			p := lsptest.Position(text, off)
			for _, method := range []string{"textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/prepareRename", "textDocument/completion"} {
				params := tdpp(uri, p)
				params["context"] = map[string]any{"includeDeclaration": true}
				var res json.RawMessage
				err := ts.c.Call(ts.ctx, method, params, &res)
				calls++
				if err != nil && !(method == "textDocument/prepareRename" && lsptest.Code(err) == codeRequestFailed) {
					t.Fatalf("%s at %s %v: %v", method, name, p, err)
				}
			}
		}
		for _, method := range []string{"textDocument/formatting", "textDocument/documentSymbol"} {
			var res json.RawMessage
			if err := ts.c.Call(ts.ctx, method, map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 2}}, &res); err != nil {
				t.Fatalf("%s on %s: %v", method, name, err)
			}
			if method == "textDocument/formatting" && strings.HasPrefix(name, "broken") && string(res) != "[]" {
				t.Errorf("formatting a broken file %s = %s, want no edits", name, res)
			}
		}
	}
	if calls < 1000 {
		t.Errorf("only %d calls made", calls)
	}
}

// FuzzDSLCursor checks that reading the completion context never panics, whatever
// the text and the offset.
func FuzzDSLCursor(f *testing.F) {
	f.Add([]byte("component \"x\" {\n  kind = \"se"), 20)
	f.Add([]byte("flow \"f\" { from = ${ [[[ {{ \"é🔒\" }}} ]\n}}}}"), 30)
	f.Add([]byte("# «é»\nmodel \"m\" {\n  import \"i\" {\n    source = \"../x\"\n  }\n}\n"), 45)
	f.Fuzz(func(t *testing.T, text []byte, off int) {
		if off < 0 {
			off = -off
		}
		if len(text) > 0 {
			off %= len(text) + 1
		} else {
			off = 0
		}
		cur := dslCursorAt(text, off)
		if cur.start < 0 || cur.start > off {
			t.Fatalf("start %d outside [0, %d]", cur.start, off)
		}
	})
}

// TestTerraformSegments completes Terraform addresses one segment at a time through
// modules and data sources.
func TestTerraformSegments(t *testing.T) {
	res := &analysis.Result{Resources: []*model.Resource{
		{Address: "aws_lb.web", BaseAddress: "aws_lb.web", Type: "aws_lb"},
		{Address: `aws_subnet.a["x"]`, BaseAddress: "aws_subnet.a", Type: "aws_subnet"},
		{Address: `aws_subnet.a["y"]`, BaseAddress: "aws_subnet.a", Type: "aws_subnet"},
		{Address: "data.aws_iam_policy_document.p", BaseAddress: "data.aws_iam_policy_document.p", Mode: model.Data},
		{Address: "module.net.aws_vpc.main", BaseAddress: "module.net.aws_vpc.main", Module: "module.net"},
		{Address: `module.app["a"].aws_ecs_service.s`, BaseAddress: `module.app["a"].aws_ecs_service.s`, Module: `module.app["a"]`},
	}}
	c := &completer{v: &view{res: res}}
	seg := func(prefix string) string {
		var out []string
		for _, s := range c.terraformSegments(prefix) {
			out = append(out, fmt.Sprintf("%s:%v", s.name, s.kind))
		}
		return strings.Join(out, " ")
	}
	cls, fld, mod := protocol.CompletionItemKindClass, protocol.CompletionItemKindField, protocol.CompletionItemKindModule
	for prefix, want := range map[string]string{
		"":                    fmt.Sprintf("aws_lb:%v aws_subnet:%v data:%v module:%v", cls, cls, mod, mod),
		"aws_subnet.":         fmt.Sprintf("a:%v", fld),
		"data.":               fmt.Sprintf("aws_iam_policy_document:%v", cls),
		"module.":             fmt.Sprintf("net:%v", mod),
		"module.net.":         fmt.Sprintf("aws_vpc:%v", cls),
		"module.net.aws_vpc.": fmt.Sprintf("main:%v", fld),
		"aws_nothing.":        "",
	} {
		if got := seg(prefix); got != want {
			t.Errorf("segments after %q = %q, want %q", prefix, got, want)
		}
	}
}
