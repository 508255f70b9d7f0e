package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

func TestDSLPrepareRename(t *testing.T) {
	ts := dslSession(t)
	flows := ts.uri("flows.tm.hcl")
	model := ts.uri("model.tm.hcl")

	// On `actor.customer` after non-ASCII text: the name part, in UTF-16 columns.
	var r *protocol.Range
	if err := ts.c.Call(ts.ctx, "textDocument/prepareRename", tdpp(flows, pos(2, 28)), &r); err != nil {
		t.Fatal(err)
	}
	if r == nil || *r != rng(2, 32, 2, 40) {
		t.Errorf("prepareRename on actor.customer = %v, want 2:32-2:40", r)
	}
	// On a declaration label: the label without its quotes.
	if err := ts.c.Call(ts.ctx, "textDocument/prepareRename", tdpp(model, ts.at("model.tm.hcl", `"web_lb"`, 0, 1)), &r); err != nil {
		t.Fatal(err)
	}
	if want := ts.spanOf("model.tm.hcl", "web_lb", 0); r == nil || *r != want {
		t.Errorf("prepareRename on the label = %v, want %v", r, want)
	}

	// Refused: a Terraform address, a model label, blank space.
	for _, p := range []protocol.Position{
		ts.at("model.tm.hcl", "aws_lb.web", 0, 2),
		ts.at("model.tm.hcl", `"shop"`, 0, 2),
		pos(4, 0),
	} {
		err := ts.c.Call(ts.ctx, "textDocument/prepareRename", tdpp(model, p), &r)
		if lsptest.Code(err) != codeRequestFailed {
			t.Errorf("prepareRename at %v: err = %v, want request failed", p, err)
		}
	}
	err := ts.c.Call(ts.ctx, "textDocument/prepareRename", tdpp(model, ts.at("model.tm.hcl", "aws_lb.web", 0, 2)), &r)
	if err == nil || !strings.Contains(err.Error(), "Terraform address") {
		t.Errorf("Terraform address refusal = %v", err)
	}
}

func TestDSLRename(t *testing.T) {
	ts := dslSession(t)
	flows, model := ts.uri("flows.tm.hcl"), ts.uri("model.tm.hcl")
	flowsText, modelText := ts.text("flows.tm.hcl"), ts.text("model.tm.hcl")
	for uri, text := range map[string]string{flows: flowsText, model: modelText} {
		if err := ts.c.Open(ts.ctx, uri, text); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(uri string, p protocol.Position, name string) (*protocol.WorkspaceEdit, error) {
		var we protocol.WorkspaceEdit
		params := tdpp(uri, p)
		params["newName"] = name
		err := ts.c.Call(ts.ctx, "textDocument/rename", params, &we)
		return &we, err
	}

	// Refusals: invalid identifiers, an existing name, a Terraform address.
	for _, bad := range []string{"", "1web", "web lb", "component.x", "wéb"} {
		if _, err := rename(model, ts.at("model.tm.hcl", `"web_lb"`, 0, 2), bad); lsptest.Code(err) != -32602 {
			t.Errorf("rename to %q: err = %v, want invalid params", bad, err)
		}
	}
	if _, err := rename(model, ts.at("model.tm.hcl", `"web_lb"`, 0, 2), "orders_db"); lsptest.Code(err) != codeRequestFailed {
		t.Errorf("rename onto an existing name: err = %v", err)
	}
	if _, err := rename(model, ts.at("model.tm.hcl", "aws_vpc.main", 0, 1), "net"); lsptest.Code(err) != codeRequestFailed {
		t.Errorf("rename of a Terraform address: err = %v", err)
	}

	// Rename component.web_lb from a reference on the line after the non-ASCII one.
	we, err := rename(flows, ts.at("flows.tm.hcl", "component.web_lb", 0, 12), "edge-lb")
	if err != nil {
		t.Fatal(err)
	}
	if len(we.DocumentChanges) != 2 {
		t.Fatalf("document changes = %+v, want two files", we.DocumentChanges)
	}
	total := 0
	for _, dc := range we.DocumentChanges {
		if dc.TextDocument.Version == nil || *dc.TextDocument.Version != 1 {
			t.Errorf("edit of %s has version %v, want 1", dc.TextDocument.URI, dc.TextDocument.Version)
		}
		total += len(dc.Edits)
	}
	if total != 4 {
		t.Errorf("%d edits, want the label and three references", total)
	}
	if err := ts.c.ApplyWorkspaceEdit(ts.ctx, we); err != nil {
		t.Fatal(err)
	}
	gotFlows, _ := ts.c.Doc(flows)
	gotModel, _ := ts.c.Doc(model)
	if want := strings.ReplaceAll(flowsText, "component.web_lb", "component.edge-lb"); gotFlows.Text != want {
		t.Errorf("flows after rename:\n%s\nwant:\n%s", gotFlows.Text, want)
	}
	if want := strings.Replace(modelText, `component "web_lb"`, `component "edge-lb"`, 1); gotModel.Text != want {
		t.Errorf("model after rename:\n%s\nwant:\n%s", gotModel.Text, want)
	}

	// The renamed reference on the non-ASCII line's neighbour now resolves to the new label.
	ctx, cancel := context.WithTimeout(ts.ctx, 10*time.Second)
	defer cancel()
	var locs []protocol.Location
	err = ts.c.WaitFor(ctx, "renamed reference to resolve", func() bool {
		locs = nil
		p := lsptest.Position(gotFlows.Text, strings.Index(gotFlows.Text, "component.edge-lb")+11)
		return ts.c.Call(ctx, "textDocument/definition", tdpp(flows, p), &locs) == nil && len(locs) == 1
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := lsptest.Position(gotModel.Text, strings.Index(gotModel.Text, `"edge-lb"`)); locs[0].Range.Start != want {
		t.Errorf("definition after rename = %v, want start %v", locs[0].Range, want)
	}

	// Renaming actor.customer from its reference after the non-ASCII text: the edit
	// in flows.tm.hcl is at UTF-16 columns 32-40 of line 2.
	we, err = rename(flows, pos(2, 35), "shopper")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, dc := range we.DocumentChanges {
		for _, e := range dc.Edits {
			if dc.TextDocument.URI == protocol.DocumentURI(flows) && e.Range == rng(2, 32, 2, 40) && e.NewText == "shopper" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no edit at 2:32-2:40 in flows.tm.hcl: %+v", we.DocumentChanges)
	}
}

// TestDSLImportedModel: a declaration from an imported model (outside the root) is
// reached by definition and hover, and refused by rename.
func TestDSLImportedModel(t *testing.T) {
	ts := dslSession(t)
	ts.write("../shared/partners.tm.hcl", "# «partenaires» 🔒\nactor \"partner\" {\n  description = \"B2B\"\n}\n")
	model := ts.uri("model.tm.hcl")
	text := strings.Replace(ts.text("model.tm.hcl"), "  frameworks = [\"pci-dss-4.0\"]\n",
		"  frameworks = [\"pci-dss-4.0\"]\n  import \"shared\" {\n    source = \"../shared\"\n  }\n", 1)
	text += "\nflow \"partner\" {\n  from = actor.partner\n  to   = component.web_lb\n}\n"
	if err := ts.c.Open(ts.ctx, model, text); err != nil {
		t.Fatal(err)
	}
	p := lsptest.Position(text, strings.Index(text, "actor.partner")+8)
	var locs []protocol.Location
	if err := ts.c.Call(ts.ctx, "textDocument/definition", tdpp(model, p), &locs); err != nil {
		t.Fatal(err)
	}
	if want := ts.uri("../shared/partners.tm.hcl"); len(locs) != 1 || string(locs[0].URI) != want || locs[0].Range != rng(1, 6, 1, 15) {
		t.Errorf("definition of the imported actor = %+v, want %s 1:6-1:15", locs, want)
	}
	var h *protocol.Hover
	if err := ts.c.Call(ts.ctx, "textDocument/hover", tdpp(model, p), &h); err != nil {
		t.Fatal(err)
	}
	if h == nil || !strings.Contains(h.Contents.Value, "(imported model)") || !strings.Contains(h.Contents.Value, "- `flow.partner` to `component.web_lb`") {
		t.Errorf("hover of the imported actor = %+v", h)
	}
	params := tdpp(model, p)
	params["newName"] = "vendor"
	var we protocol.WorkspaceEdit
	if err := ts.c.Call(ts.ctx, "textDocument/rename", params, &we); lsptest.Code(err) != codeRequestFailed || !strings.Contains(err.Error(), "imported model") {
		t.Errorf("rename of an imported declaration: %v", err)
	}
}
