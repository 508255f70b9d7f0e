package server

import (
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
)

// dslHover describes the threat-model element under the cursor of a *.tm.hcl file
// (a declaration's header or a reference to it): its kind, boundary and trust, data
// classification, flows in and out, and its threats with their risk. A Terraform
// address gets the resource hover of the block it names. It returns nil for other
// files and for positions that name no element, so that the caller's own hover
// (findings under the cursor) still applies there.
func (v *view) dslHover(rel string, off int) *protocol.Hover {
	if !isDSL(rel) || v.res.DSL == nil {
		return nil
	}
	t, ok := v.dslTargetAt(rel, off)
	if !ok {
		return nil
	}
	m := v.mapper(rel)
	var rng protocol.Range
	if t.ref != nil {
		rng = m.hclRange(t.ref.Range)
	} else {
		rng = m.hclRange(t.decl.Range)
	}
	var text string
	if t.terraform {
		text = v.terraformRefMarkdown(t.addr)
	} else {
		text = v.elementMarkdown(t.addr, t.decl)
	}
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: text}, Range: &rng}
}

// terraformRefMarkdown describes the resource block a Terraform address of the
// threat model names (every instance of it), or says that none exists.
func (v *view) terraformRefMarkdown(addr string) string {
	blocks := v.terraformResources(addr)
	if len(blocks) == 0 {
		return fmt.Sprintf("### `%s`\n\nNo Terraform resource has this address.", addr)
	}
	first := blocks[0]
	var rs []*model.Resource
	for _, r := range v.res.Resources {
		if r.File == first.File && r.DeclRange == first.DeclRange && r.Root == first.Root {
			rs = append(rs, r)
		}
	}
	return v.resourceMarkdown(rs)
}

// graphIndex finds graph elements by address.
type graphIndex struct {
	g          *model.Graph
	boundaries map[string]*model.Boundary
	data       map[string]*model.DataAsset
}

func newGraphIndex(g *model.Graph) *graphIndex {
	ix := &graphIndex{g: g, boundaries: map[string]*model.Boundary{}, data: map[string]*model.DataAsset{}}
	if g == nil {
		ix.g = &model.Graph{}
		return ix
	}
	for _, b := range g.Boundaries {
		ix.boundaries[b.Address] = b
	}
	for _, d := range g.Data {
		ix.data[d.Address] = d
	}
	return ix
}

// boundary writes a boundary address with its trust level.
func (ix *graphIndex) boundary(addr string) string {
	if addr == "" {
		return "none"
	}
	if b := ix.boundaries[addr]; b != nil && b.Trust != "" {
		return fmt.Sprintf("`%s` (%s)", addr, b.Trust)
	}
	return fmt.Sprintf("`%s`", addr)
}

// dataList writes data asset addresses with their classifications.
func (ix *graphIndex) dataList(addrs []string) string {
	if len(addrs) == 0 {
		return "none"
	}
	parts := make([]string, 0, len(addrs))
	for _, a := range addrs {
		if d := ix.data[a]; d != nil && d.Classification != "" {
			parts = append(parts, fmt.Sprintf("`%s` (%s)", a, d.Classification))
		} else {
			parts = append(parts, fmt.Sprintf("`%s`", a))
		}
	}
	return strings.Join(parts, ", ")
}

func codeList(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = "`" + s + "`"
	}
	return strings.Join(parts, ", ")
}

func flowLine(f *model.Flow, other string) string {
	s := fmt.Sprintf("- `%s` %s", f.Address, other)
	var via []string
	if f.Protocol != "" {
		via = append(via, f.Protocol)
	}
	if f.Port != 0 {
		via = append(via, fmt.Sprintf("port %d", f.Port))
	}
	if len(via) > 0 {
		s += " (" + strings.Join(via, ", ") + ")"
	}
	return s
}

// flowsOf writes the flows into and out of an actor or component.
func (ix *graphIndex) flowsOf(b *strings.Builder, addr string) {
	var in, out []string
	for _, f := range ix.g.Flows {
		if f.To == addr {
			in = append(in, flowLine(f, "from `"+f.From+"`"))
		}
		if f.From == addr {
			out = append(out, flowLine(f, "to `"+f.To+"`"))
		}
	}
	for _, l := range []struct {
		title string
		items []string
	}{{"Flows in", in}, {"Flows out", out}} {
		if len(l.items) == 0 {
			fmt.Fprintf(b, "**%s** none\n\n", l.title)
			continue
		}
		fmt.Fprintf(b, "**%s**\n\n%s\n\n", l.title, strings.Join(l.items, "\n"))
	}
}

// elementMarkdown is the hover text of a threat-model element.
func (v *view) elementMarkdown(addr string, d *tmdsl.Decl) string {
	ix := newGraphIndex(v.res.Graph)
	g := ix.g
	var b strings.Builder
	kind, name := addr, addr
	if k, n, ok := strings.Cut(addr, "."); ok {
		kind, name = k, n
	}
	fmt.Fprintf(&b, "### %s `%s`\n\n", kind, name)
	if d == nil {
		fmt.Fprintf(&b, "`%s` is not declared in any threat-model file.", addr)
		return b.String()
	}
	where := fmt.Sprintf("Declared in `%s` line %d", d.File, d.Range.Start.Line)
	if d.Imported {
		where += " (imported model)"
	}
	b.WriteString(where + "\n\n")
	switch d.Kind {
	case tmdsl.KindModel:
		fmt.Fprintf(&b, "**Owner** %s · **Frameworks** %s\n\n", orNone(g.Owner), codeList(g.Frameworks))
	case tmdsl.KindData:
		if a := ix.data[addr]; a != nil {
			fmt.Fprintf(&b, "**Classification** %s\n\n", orNone(a.Classification))
		}
		var stored, processed, flows []string
		for _, c := range g.Components {
			if containsStr(c.Stores, addr) {
				stored = append(stored, c.Address)
			}
			if containsStr(c.Processes, addr) {
				processed = append(processed, c.Address)
			}
		}
		for _, f := range g.Flows {
			if containsStr(f.Data, addr) {
				flows = append(flows, f.Address)
			}
		}
		fmt.Fprintf(&b, "**Stored by** %s\n\n**Processed by** %s\n\n**Carried by** %s\n\n", codeList(stored), codeList(processed), codeList(flows))
	case tmdsl.KindBoundary:
		if x := ix.boundaries[addr]; x != nil {
			fmt.Fprintf(&b, "**Trust** %s · **Parent** %s\n\n", orNone(x.Trust), ix.boundary(x.Parent))
			fmt.Fprintf(&b, "**Terraform** %s\n\n", codeList(x.Terraform))
		}
		var members []string
		for _, c := range g.Components {
			if c.Boundary == addr {
				members = append(members, c.Address)
			}
		}
		for _, a := range g.Actors {
			if a.Boundary == addr {
				members = append(members, a.Address)
			}
		}
		sort.Strings(members)
		fmt.Fprintf(&b, "**Holds** %s\n\n", codeList(members))
	case tmdsl.KindActor:
		for _, a := range g.Actors {
			if a.Address == addr {
				fmt.Fprintf(&b, "**Boundary** %s\n\n", ix.boundary(a.Boundary))
			}
		}
		ix.flowsOf(&b, addr)
	case tmdsl.KindComponent:
		for _, c := range g.Components {
			if c.Address != addr {
				continue
			}
			fmt.Fprintf(&b, "**Kind** %s · **Boundary** %s", orNone(c.Kind), ix.boundary(c.Boundary))
			if c.InternetFacing {
				b.WriteString(" · **Internet-facing**")
			}
			fmt.Fprintf(&b, "\n\n**Terraform** %s\n\n", codeList(c.Terraform))
			fmt.Fprintf(&b, "**Stores** %s\n\n**Processes** %s\n\n", ix.dataList(c.Stores), ix.dataList(c.Processes))
		}
		ix.flowsOf(&b, addr)
	case tmdsl.KindFlow:
		for _, f := range g.Flows {
			if f.Address != addr {
				continue
			}
			fmt.Fprintf(&b, "**From** `%s` → **To** `%s`\n\n", f.From, f.To)
			proto := orNone(f.Protocol)
			if f.Port != 0 {
				proto += fmt.Sprintf(" port %d", f.Port)
			}
			fmt.Fprintf(&b, "**Protocol** %s · **Authenticated** %s · **Encrypted** %s\n\n", proto, f.Authenticated, f.Encrypted)
			fmt.Fprintf(&b, "**Data** %s\n\n", ix.dataList(f.Data))
		}
	case tmdsl.KindControl:
		for _, c := range g.Controls {
			if c.Address == addr {
				fmt.Fprintf(&b, "**Status** %s · **Effectiveness** %.2f\n\n**Mitigates** %s\n\n**On** %s\n\n",
					orNone(c.Status), c.Effectiveness, codeList(c.Mitigates), codeList(c.On))
			}
		}
	case tmdsl.KindAccept:
		for _, a := range g.Acceptances {
			if a.Address == addr {
				until := "never expires"
				if !a.Until.IsZero() {
					until = a.Until.Format(tmdsl.DateLayout)
				}
				fmt.Fprintf(&b, "**Rule** `%s` · **Owner** %s · **Until** %s\n\n**Reason** %s\n\n**On** %s\n\n",
					a.RuleID, orNone(a.Owner), until, orNone(a.Reason), codeList(a.On))
			}
		}
	}
	v.threatsOf(&b, addr)
	v.terraformThreats(&b, d)
	return strings.TrimSpace(b.String())
}

// terraformThreats counts the open findings on the Terraform resources an element
// claims (`terraform = [...]`), which the resource hovers detail.
func (v *view) terraformThreats(b *strings.Builder, d *tmdsl.Decl) {
	claimed := map[string]bool{}
	for _, r := range d.Refs["terraform"] {
		for _, res := range v.terraformResources(r.Address) {
			claimed[res.BaseAddress] = true
		}
	}
	if len(claimed) == 0 {
		return
	}
	instances := map[string]bool{}
	for _, r := range v.res.Resources {
		if claimed[r.BaseAddress] {
			instances[r.Address] = true
		}
	}
	n := 0
	for _, f := range v.res.Findings {
		if f.Status == model.Open && instances[f.Resource] {
			n++
		}
	}
	fmt.Fprintf(b, "**Open findings on its Terraform resources** %d\n\n", n)
}

// threatsOf lists the findings on an element: open ones first (highest residual
// risk first), then those mitigated or accepted; suppressed ones are left out.
func (v *view) threatsOf(b *strings.Builder, addr string) {
	var open, handled []*model.Finding
	for _, f := range v.res.Findings {
		if f.Resource != addr {
			continue
		}
		switch f.Status {
		case model.Open:
			open = append(open, f)
		case model.Mitigated, model.Accepted:
			handled = append(handled, f)
		}
	}
	line := func(f *model.Finding) string {
		title := f.Message
		if f.Rule != nil && f.Rule.Title != "" {
			title = f.Rule.Title
		}
		s := fmt.Sprintf("- `%s` %s: %s severity, risk %d (%s)", f.RuleID, title, f.Severity, f.Inherent, analysis.RiskLevel(float64(f.Inherent)))
		if f.Residual != float64(f.Inherent) {
			s += fmt.Sprintf(", residual %.1f (%s)", f.Residual, analysis.RiskLevel(f.Residual))
		}
		if f.Status != model.Open {
			s += " · " + f.Status.String()
			if f.StatusNote != "" {
				s += ": " + f.StatusNote
			}
		}
		return s
	}
	for _, l := range []struct {
		title string
		fs    []*model.Finding
	}{{"Open threats", open}, {"Mitigated or accepted", handled}} {
		sort.SliceStable(l.fs, func(i, j int) bool {
			if l.fs[i].Residual != l.fs[j].Residual {
				return l.fs[i].Residual > l.fs[j].Residual
			}
			return l.fs[i].RuleID < l.fs[j].RuleID
		})
		if len(l.fs) == 0 {
			if l.title == "Open threats" {
				b.WriteString("**Open threats** none\n\n")
			}
			continue
		}
		fmt.Fprintf(b, "**%s** (%d)\n\n", l.title, len(l.fs))
		for _, f := range l.fs {
			b.WriteString(line(f) + "\n")
		}
		b.WriteString("\n")
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
