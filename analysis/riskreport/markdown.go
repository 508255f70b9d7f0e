package riskreport

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as GitHub-flavoured Markdown with a Mermaid
// flowchart of the system (rendered by GitHub, GitLab and most wikis).
func WriteMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdText(r.Title))
	meta := "Threat-model risk report by tm-ls"
	if r.Version != "" {
		meta += " " + r.Version
	}
	if r.Generated != "" {
		meta += ", generated " + r.Generated
	}
	if r.Owner != "" {
		meta += ", owner " + mdText(r.Owner)
	}
	b.WriteString(meta + ".\n\n")

	b.WriteString("## Risk totals\n\n")
	fmt.Fprintf(&b, "%d open findings, residual risk %s (inherent %d); %d accepted, %d suppressed.\n\n",
		r.Open, num(r.Residual), r.Inherent, r.Accepted, r.Suppressed)
	b.WriteString("| Severity | Open | Residual risk |\n|---|---:|---:|\n")
	for _, t := range r.Totals {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", t.Severity, t.Count, num(t.Residual))
	}

	b.WriteString("\n## Top risks\n\n")
	if len(r.TopRisks) == 0 {
		b.WriteString("No open findings.\n")
	} else {
		b.WriteString("| # | Severity | Risk | Threat | Location | Owner | Recommended control |\n|---:|---|---:|---|---|---|---|\n")
		for i, k := range r.TopRisks {
			owner := k.Owner
			if owner == "" {
				owner = "—"
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s<br>`%s` | `%s` | %s | %s |\n", i+1, k.Severity, num(k.Residual),
				cell(k.Title), code(k.ID), code(k.Location), cell(owner), cell(k.Control))
		}
	}

	b.WriteString("\n## Open findings by compliance framework\n\n")
	if len(r.Compliance) == 0 {
		b.WriteString("No open finding maps to a compliance requirement.\n")
	} else {
		b.WriteString("| Framework | Requirement | Open findings |\n|---|---|---|\n")
		for _, f := range r.Compliance {
			for _, q := range f.Requirements {
				ids := make([]string, len(q.Findings))
				for i, id := range q.Findings {
					ids[i] = "`" + code(id) + "`"
				}
				fmt.Fprintf(&b, "| %s (%d) | %s | %s |\n", cell(f.Name), f.Open, cell(q.ID), strings.Join(ids, " "))
			}
		}
	}

	b.WriteString("\n## Accepted risks\n\n")
	if len(r.Accepts) == 0 {
		b.WriteString("No accepted risks.\n")
	} else {
		b.WriteString("| Rule | On | Owner | Reason | Expires |\n|---|---|---|---|---|\n")
		for _, a := range r.Accepts {
			exp := a.Expires
			if exp == "" {
				exp = "never"
			} else if a.Expired {
				exp += " **(expired)**"
			}
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", code(a.RuleID), code(a.On), cell(a.Owner), cell(a.Reason), exp)
		}
	}

	b.WriteString("\n## System diagram\n\n")
	b.WriteString(Mermaid(r.Diagram))
	if r.Diagram.Omitted > 0 {
		fmt.Fprintf(&b, "\n%d node(s) without findings left out.\n", r.Diagram.Omitted)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the Markdown risk report: %w", err)
	}
	return nil
}

// Mermaid renders the diagram as a fenced Mermaid flowchart: one subgraph per group,
// nodes styled by severity. Node IDs are generated (n1, n2…) so that addresses with
// brackets or quotes cannot break the syntax; labels are entity-escaped.
func Mermaid(d Diagram) string {
	var b strings.Builder
	b.WriteString("```mermaid\nflowchart LR\n")
	ids := map[string]string{}
	for i, n := range d.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i+1)
	}
	node := func(n Node) string {
		label := mmText(truncate(n.Label, 40)) + "<br/><small>" + mmText(truncate(n.Kind, 40)) + "</small>"
		if n.Findings > 0 {
			label += fmt.Sprintf("<br/>%d open, %s", n.Findings, n.Severity)
		}
		return fmt.Sprintf("%s[\"%s\"]", ids[n.ID], label)
	}
	grouped := map[string][]Node{}
	known := map[string]bool{}
	for _, g := range d.Groups {
		known[g.ID] = true
	}
	for _, n := range d.Nodes {
		g := n.Group
		if !known[g] {
			g = ""
		}
		grouped[g] = append(grouped[g], n)
	}
	for i, g := range d.Groups {
		if len(grouped[g.ID]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph g%d[\"%s\"]\n", i+1, mmText(g.Label))
		for _, n := range grouped[g.ID] {
			b.WriteString("    " + node(n) + "\n")
		}
		b.WriteString("  end\n")
	}
	for _, n := range grouped[""] {
		b.WriteString("  " + node(n) + "\n")
	}
	var attackLinks []string
	link := 0
	for _, e := range d.Edges {
		a, b2 := ids[e.From], ids[e.To]
		if a == "" || b2 == "" {
			continue
		}
		if e.Attack {
			attackLinks = append(attackLinks, fmt.Sprint(link))
		}
		link++
		if e.Label != "" {
			fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", a, mmText(e.Label), b2)
		} else {
			fmt.Fprintf(&b, "  %s --> %s\n", a, b2)
		}
	}
	if len(attackLinks) > 0 {
		// The steps of the top attack paths, in red.
		fmt.Fprintf(&b, "  linkStyle %s stroke:#cf222e,stroke-width:3px\n", strings.Join(attackLinks, ","))
	}
	for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
		var members []string
		for _, n := range d.Nodes {
			if n.Severity == sev {
				members = append(members, ids[n.ID])
			}
		}
		if len(members) > 0 {
			fill, stroke := sevColors(sev)
			fmt.Fprintf(&b, "  classDef %s fill:%s,stroke:%s\n  class %s %s\n", sev, fill, stroke, strings.Join(members, ","), sev)
		}
	}
	b.WriteString("```\n")
	return b.String()
}

// mmText escapes text for a quoted Mermaid label.
func mmText(s string) string {
	r := strings.NewReplacer("&", "#amp;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ", "|", "#124;", "`", "#96;")
	return r.Replace(s)
}

// cell makes text safe in a Markdown table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

func mdText(s string) string { return cell(s) }

// code makes text safe inside `backticks` in a table cell.
func code(s string) string {
	return strings.NewReplacer("`", "'", "|", `\|`, "\n", " ").Replace(s)
}
