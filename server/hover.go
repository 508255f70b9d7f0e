package server

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// hover explains the findings under the cursor; on a resource block without a
// finding there, it describes the resource and its references.
func (s *server) hover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	m := v.mapper(rel)
	off := m.offset(p.Position)
	if h := v.dslHover(rel, off); h != nil {
		return h, nil
	}
	if hits := v.findingsAt(rel, off); len(hits) > 0 {
		parts := make([]string, 0, len(hits))
		for _, f := range hits {
			parts = append(parts, s.findingMarkdown(v, f))
		}
		rng := m.hclRange(hits[0].Range)
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: strings.Join(parts, "\n\n---\n\n")}, Range: &rng}, nil
	}
	if rs := v.resourcesAt(rel, off); len(rs) > 0 {
		rng := m.hclRange(rs[0].DeclRange)
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: v.resourceMarkdown(rs)}, Range: &rng}, nil
	}
	return nil, nil
}

// findingsAt returns the findings of file rel whose range holds the byte offset,
// narrowest range first.
func (v *view) findingsAt(rel string, off int) []*model.Finding {
	var hits []*model.Finding
	for _, f := range v.res.Findings {
		if v.relFile(f.File) == rel && contains(f.Range.Start.Byte, f.Range.End.Byte, off) {
			hits = append(hits, f)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		return width(hits[i].Range.Start.Byte, hits[i].Range.End.Byte) < width(hits[j].Range.Start.Byte, hits[j].Range.End.Byte)
	})
	return hits
}

func width(start, end int) int {
	if end < start {
		return 0
	}
	return end - start
}

// resourcesAt returns the instances of the innermost resource block of file rel that
// holds the offset (every instance of a count/for_each block shares its ranges).
func (v *view) resourcesAt(rel string, off int) []*model.Resource {
	var best []*model.Resource
	bestW := -1
	for _, r := range v.res.Resources {
		if v.relFile(r.File) != rel || !contains(r.BodyRange.Start.Byte, r.BodyRange.End.Byte, off) {
			continue
		}
		w := width(r.BodyRange.Start.Byte, r.BodyRange.End.Byte)
		switch {
		case bestW < 0 || w < bestW:
			best, bestW = []*model.Resource{r}, w
		case w == bestW && best[0].BodyRange.Start.Byte == r.BodyRange.Start.Byte:
			best = append(best, r)
		}
	}
	return best
}

// findingMarkdown is the hover text of one finding.
func (s *server) findingMarkdown(v *view, f *model.Finding) string {
	var b strings.Builder
	title, desc, remediation := f.Message, "", ""
	var meta *model.RuleMeta = f.Rule
	if meta != nil {
		title, desc, remediation = meta.Title, meta.Description, meta.Remediation
	}
	fmt.Fprintf(&b, "### %s: %s\n\n", f.RuleID, title)
	fmt.Fprintf(&b, "**Severity** %s · **Status** %s · `%s`", f.Severity, f.Status, f.Resource)
	if f.StatusNote != "" {
		fmt.Fprintf(&b, " (%s)", f.StatusNote)
	}
	b.WriteString("\n\n")
	if f.Message != "" && f.Message != title {
		fmt.Fprintf(&b, "%s\n\n", f.Message)
	}
	if strings.TrimSpace(desc) != "" {
		fmt.Fprintf(&b, "**Why it matters**\n\n%s\n\n", strings.TrimSpace(desc))
	}
	if meta != nil {
		if len(meta.Stride) > 0 {
			fmt.Fprintf(&b, "**STRIDE** %s\n\n", strings.Join(meta.Stride, ", "))
		}
		if len(meta.CWE) > 0 {
			links := make([]string, 0, len(meta.CWE))
			for _, c := range meta.CWE {
				if n, ok := strings.CutPrefix(c, "CWE-"); ok {
					links = append(links, fmt.Sprintf("[%s](https://cwe.mitre.org/data/definitions/%s.html)", c, n))
				} else {
					links = append(links, c)
				}
			}
			fmt.Fprintf(&b, "**CWE** %s\n\n", strings.Join(links, ", "))
		}
		if len(meta.Compliance) > 0 {
			b.WriteString("**Compliance**\n\n")
			for _, id := range meta.Compliance {
				if s.opts.Compliance != nil {
					if fw, t, ok := s.opts.Compliance(id); ok {
						fmt.Fprintf(&b, "- `%s` %s: %s\n", id, fw, t)
						continue
					}
				}
				fmt.Fprintf(&b, "- `%s`\n", id)
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "**Risk** likelihood %d × impact %d = inherent %d (%s) · residual %.1f (%s)\n\n",
		f.Likelihood, f.Impact, f.Inherent, analysis.RiskLevel(float64(f.Inherent)), f.Residual, analysis.RiskLevel(f.Residual))
	if remediation != "" {
		fmt.Fprintf(&b, "**Recommended control** %s\n\n", remediation)
	}
	if f.Fixable {
		fix := "yes"
		if title, _, err := fixOf(v.res, f.ID); err == nil && title != "" {
			fix = title
		}
		fmt.Fprintf(&b, "**Fix available** %s (quick fix)\n\n", fix)
	} else {
		b.WriteString("**Fix available** no\n\n")
	}
	fmt.Fprintf(&b, "[%s documentation](%s)", f.RuleID, ruleHref(f.RuleID))
	return b.String()
}

// resourceMarkdown describes a resource block: type, address, references in and out.
func (v *view) resourceMarkdown(rs []*model.Resource) string {
	r := rs[0]
	var b strings.Builder
	kind := "resource"
	if r.Mode == model.Data {
		kind = "data source"
	}
	fmt.Fprintf(&b, "### `%s`\n\n**Type** `%s` (%s)", r.BaseAddress, r.Type, kind)
	if r.Root != "" && r.Root != "." {
		fmt.Fprintf(&b, " · **Root module** `%s`", r.Root)
	}
	b.WriteString("\n\n")
	if len(rs) > 1 {
		b.WriteString("**Instances**\n\n")
		for _, x := range rs {
			fmt.Fprintf(&b, "- `%s`\n", x.Address)
		}
		b.WriteString("\n")
	} else {
		fmt.Fprintf(&b, "**Address** `%s`\n\n", r.Address)
	}
	n := 0
	for _, f := range v.res.Findings {
		for _, x := range rs {
			if f.Resource == x.Address && f.Status != model.Suppressed {
				n++
			}
		}
	}
	if n == 0 {
		b.WriteString("No open threats.\n\n")
	} else {
		fmt.Fprintf(&b, "%d threat(s) found: hover the flagged attributes for details.\n\n", n)
	}
	var undecided []string
	for _, u := range v.res.Undecided {
		for _, x := range rs {
			if u.Resource == x.Address {
				undecided = append(undecided, fmt.Sprintf("- `%s`: %s", u.RuleID, u.Reason))
			}
		}
	}
	if len(undecided) > 0 {
		sort.Strings(undecided)
		fmt.Fprintf(&b, "**Could not decide** (values unknown until apply)\n\n%s\n\n", strings.Join(undecided, "\n"))
	}
	out := map[string]bool{}
	for _, x := range rs {
		for _, ref := range x.Refs {
			out[fmt.Sprintf("`%s` (from `%s`)", ref.To, ref.From)] = true
		}
	}
	in := map[string]bool{}
	for _, o := range v.res.Resources {
		if o.Root != r.Root {
			continue
		}
		for _, ref := range o.Refs {
			for _, x := range rs {
				if ref.To == x.Address || ref.To == x.BaseAddress {
					in[fmt.Sprintf("`%s` (via `%s`)", o.Address, ref.From)] = true
				}
			}
		}
	}
	writeList(&b, "References out", out)
	writeList(&b, "Referenced by", in)
	v.componentMarkdown(&b, rs)
	return strings.TrimSpace(b.String())
}

// componentMarkdown adds what the threat model makes of the resource: its component
// (kind, trust boundary, data it holds) and the data flows in and out of it.
func (v *view) componentMarkdown(b *strings.Builder, rs []*model.Resource) {
	g := v.res.Graph
	if g == nil {
		return
	}
	mine := map[string]bool{}
	for _, x := range rs {
		mine[x.Address] = true
		mine[x.BaseAddress] = true
	}
	var comp *model.Component
	for _, c := range g.Components {
		for _, t := range c.Terraform {
			if mine[t] && (c.Root == "" || c.Root == rs[0].Root) {
				comp = c
			}
		}
	}
	if comp == nil {
		return
	}
	trust := ""
	for _, bd := range g.Boundaries {
		if bd.Address == comp.Boundary {
			trust = bd.Trust
		}
	}
	fmt.Fprintf(b, "\n\n**Threat model** `%s` · %s", comp.Address, comp.Kind)
	if comp.Boundary != "" {
		fmt.Fprintf(b, " in `%s`", comp.Boundary)
		if trust != "" {
			fmt.Fprintf(b, " (%s)", trust)
		}
	}
	if comp.InternetFacing {
		b.WriteString(" · internet-facing")
	}
	if len(comp.Stores) > 0 {
		fmt.Fprintf(b, " · stores %s", strings.Join(comp.Stores, ", "))
	}
	b.WriteString("\n\n")
	flow := func(f *model.Flow, other string) string {
		s := fmt.Sprintf("`%s`", other)
		if f.Protocol != "" {
			s += " " + strings.ToUpper(f.Protocol)
		}
		if f.Port > 0 {
			s += fmt.Sprintf(" %d", f.Port)
		}
		if f.Encrypted == model.No {
			s += " (plain)"
		}
		return s
	}
	in, out := map[string]bool{}, map[string]bool{}
	for _, f := range g.Flows {
		if f.To == comp.Address {
			in[flow(f, f.From)] = true
		}
		if f.From == comp.Address {
			out[flow(f, f.To)] = true
		}
	}
	writeList(b, "Flows in", in)
	writeList(b, "Flows out", out)
}

func writeList(b *strings.Builder, title string, items map[string]bool) {
	if len(items) == 0 {
		fmt.Fprintf(b, "**%s** none\n\n", title)
		return
	}
	keys := make([]string, 0, len(items))
	for k := range items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(b, "**%s**\n\n", title)
	for _, k := range keys {
		fmt.Fprintf(b, "- %s\n", k)
	}
	b.WriteString("\n")
}
