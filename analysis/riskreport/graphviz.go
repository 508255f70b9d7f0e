package riskreport

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// DOT renders the diagram in the Graphviz language: one cluster per boundary or
// module, nodes coloured by their highest open severity, edges labelled.
func DOT(d Diagram) string {
	var b strings.Builder
	b.WriteString("digraph system {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, bgcolor=\"transparent\", nodesep=0.35, ranksep=0.9, pad=0.2];\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, penwidth=1.4];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#57606a\", fontcolor=\"#57606a\"];\n")
	byGroup := map[string][]Node{}
	for _, n := range d.Nodes {
		byGroup[n.Group] = append(byGroup[n.Group], n)
	}
	node := func(indent string, n Node) {
		fill, stroke := sevColors(n.Severity)
		label := n.Label
		if n.Kind != "" {
			label += "\n" + n.Kind
		}
		if n.Findings > 0 {
			label += fmt.Sprintf("\n%d open (%s)", n.Findings, n.Severity)
		}
		shape := "box"
		if n.Kind == "actor" {
			shape = "ellipse"
		}
		fmt.Fprintf(&b, "%s%s [label=%s, shape=%s, fillcolor=%s, color=%s];\n", indent, dotID(n.ID), dotString(label), shape, dotString(fill), dotString(stroke))
	}
	for i, g := range d.Groups {
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%s; style=\"rounded,dashed\"; color=\"#8c959f\"; fontcolor=\"#24292f\";\n", i, dotString(g.Label))
		for _, n := range byGroup[g.ID] {
			node("    ", n)
		}
		b.WriteString("  }\n")
		delete(byGroup, g.ID)
	}
	for _, n := range d.Nodes {
		if _, ungrouped := byGroup[n.Group]; ungrouped {
			node("  ", n)
		}
	}
	for _, e := range d.Edges {
		fmt.Fprintf(&b, "  %s -> %s", dotID(e.From), dotID(e.To))
		var attrs []string
		if e.Label != "" {
			attrs = append(attrs, "label="+dotString(e.Label))
		}
		if e.Attack {
			// A step of a top attack path: drawn red and heavy.
			attrs = append(attrs, `color="#cf222e"`, `fontcolor="#cf222e"`, "penwidth=2.6")
		}
		if len(attrs) > 0 {
			b.WriteString(" [" + strings.Join(attrs, ", ") + "]")
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func dotID(id string) string { return dotString("n:" + id) }

// dotString quotes s as a DOT string: backslashes and quotes escaped, newlines as
// centred line breaks.
func dotString(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}

// GraphvizSVG lays the diagram out with Graphviz (`dot`, Debian's graphviz package)
// and returns the SVG element. It fails when dot is not installed or errs; the
// caller then falls back to the built-in layout.
func GraphvizSVG(ctx context.Context, d Diagram) (string, error) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		return "", fmt.Errorf("graphviz: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(DOT(d))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("graphviz: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	svg := out.String()
	i := strings.Index(svg, "<svg")
	if i < 0 {
		return "", fmt.Errorf("graphviz: no <svg> in its output")
	}
	// Inline SVG in HTML needs no namespace declarations; dropping them keeps the page
	// free of any URL at all (nothing is, or could be, fetched when it is viewed).
	svg = strings.Replace(svg[i:], ` xmlns="http://www.w3.org/2000/svg"`, "", 1)
	svg = strings.Replace(svg, ` xmlns:xlink="http://www.w3.org/1999/xlink"`, "", 1)
	if strings.Contains(svg, "http://") || strings.Contains(svg, "https://") {
		return "", fmt.Errorf("graphviz: the SVG refers to a URL")
	}
	return svg, nil
}

// RenderSVG draws the diagram for the HTML report: with Graphviz when it is
// installed (a real layout engine), else with the built-in layered layout.
func RenderSVG(d Diagram) string {
	if len(d.Nodes) > 0 {
		if svg, err := GraphvizSVG(context.Background(), d); err == nil {
			return svg
		}
	}
	return SVG(d)
}
