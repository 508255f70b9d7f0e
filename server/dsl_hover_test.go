package server

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

func TestDSLHover(t *testing.T) {
	ts := dslSession(t)
	hover := func(uri string, p protocol.Position) *protocol.Hover {
		t.Helper()
		var h *protocol.Hover
		if err := ts.c.Call(ts.ctx, "textDocument/hover", tdpp(uri, p), &h); err != nil {
			t.Fatal(err)
		}
		return h
	}
	model, flows := ts.uri("model.tm.hcl"), ts.uri("flows.tm.hcl")

	// A component's declaration header: kind, boundary with trust, Terraform, data
	// with classification, flows in and out, its open threat with risk.
	h := hover(model, ts.at("model.tm.hcl", `"web_lb"`, 0, 2))
	if h == nil {
		t.Fatal("no hover on component web_lb")
	}
	for _, want := range []string{
		"### component `web_lb`", "**Kind** load-balancer", "**Boundary** `boundary.vpc` (trusted)",
		"**Terraform** `aws_lb.web`", "**Flows in**", "- `flow.shop` from `actor.customer` (https, port 443)",
		"**Flows out**", "- `flow.orders` to `component.orders_db` (postgres, port 5432)",
		"**Open threats** (1)", "`TM-GRAPH-INTERNET-NO-WAF`", "risk 12 (high)",
		"**Open findings on its Terraform resources** 3", // ELB deletion protection, invalid headers, access logs
	} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("component hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	if want := ts.spanOf("model.tm.hcl", `component "web_lb"`, 0); h.Range == nil || *h.Range != want {
		t.Errorf("hover range = %v, want the header %v", h.Range, want)
	}

	// A reference after non-ASCII text: the actor, its boundary and flows; the range
	// is the reference in UTF-16 columns.
	h = hover(flows, pos(2, 30))
	if h == nil || h.Range == nil || *h.Range != rng(2, 26, 2, 40) {
		t.Fatalf("hover on actor.customer = %+v", h)
	}
	for _, want := range []string{"### actor `customer`", "**Boundary** `boundary.internet` (untrusted)", "- `flow.shop` to `component.web_lb`", "**Flows in** none"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("actor hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}

	// Data: classification and who stores, processes and carries it.
	h = hover(flows, ts.at("flows.tm.hcl", "data.orders", 0, 6))
	for _, want := range []string{"### data `orders`", "**Classification** confidential", "**Stored by** `component.orders_db`", "**Carried by** `flow.orders`, `flow.shop`"} {
		if h == nil || !strings.Contains(h.Contents.Value, want) {
			t.Errorf("data hover lacks %q: %+v", want, h)
		}
	}

	// A flow: ends, protocol, authentication, data with classification, its threat.
	h = hover(flows, ts.at("flows.tm.hcl", `"shop"`, 0, 1))
	for _, want := range []string{"**From** `actor.customer` → **To** `component.web_lb`", "**Protocol** https port 443", "**Authenticated** no",
		"**Data** `data.orders` (confidential)", "`TM-GRAPH-FLOW-UNAUTHENTICATED-TRUSTED`"} {
		if h == nil || !strings.Contains(h.Contents.Value, want) {
			t.Errorf("flow hover lacks %q: %+v", want, h)
		}
	}

	// A Terraform address: the resource hover of its block.
	h = hover(model, ts.at("model.tm.hcl", "aws_db_instance.orders", 0, 3))
	if h == nil || !strings.Contains(h.Contents.Value, "**Type** `aws_db_instance`") {
		t.Errorf("Terraform address hover = %+v", h)
	}

	// Blank space in a threat-model file: no hover.
	if h := hover(model, pos(4, 0)); h != nil {
		t.Errorf("hover on a blank line = %+v", h)
	}
	// Terraform files keep their own hover.
	if h := hover(ts.uri("main.tf"), ts.at("main.tf", "engine", 0, 0)); h == nil || !strings.Contains(h.Contents.Value, "aws_db_instance.orders") {
		t.Errorf("main.tf hover = %+v", h)
	}
}
