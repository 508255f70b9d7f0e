package export

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// node is one box of a diagram.
type node struct {
	addr, label, shape string
}

// layout is what both diagram writers draw: nodes grouped by boundary, flows,
// and which flows lie on highlighted attack paths.
type layout struct {
	ids       map[string]string // address → short diagram id
	groups    []string          // boundary addresses in order
	groupName map[string]string
	members   map[string][]node
	loose     []node // nodes whose boundary is not in the graph
	flows     []*model.Flow
	hot       map[string]bool // flow addresses on highlighted paths
	hotNodes  map[string]bool
}

func newLayout(g *model.Graph, paths []*model.AttackPath) *layout {
	l := &layout{ids: map[string]string{}, groupName: map[string]string{}, members: map[string][]node{}, hot: map[string]bool{}, hotNodes: map[string]bool{}}
	var addrs []string
	for _, a := range g.Actors {
		addrs = append(addrs, a.Address)
	}
	for _, c := range g.Components {
		addrs = append(addrs, c.Address)
	}
	sort.Strings(addrs)
	for i, a := range addrs {
		l.ids[a] = fmt.Sprintf("n%d", i)
	}
	for _, b := range g.Boundaries {
		l.groups = append(l.groups, b.Address)
		l.groupName[b.Address] = fmt.Sprintf("%s (%s)", b.Name, b.Trust)
	}
	add := func(boundary string, n node) {
		if _, ok := l.groupName[boundary]; ok {
			l.members[boundary] = append(l.members[boundary], n)
		} else {
			l.loose = append(l.loose, n)
		}
	}
	for _, a := range g.Actors {
		add(a.Boundary, node{addr: a.Address, label: a.Name, shape: "actor"})
	}
	for _, c := range g.Components {
		label := c.Name
		if c.Origin == model.Inferred {
			label = c.Address
		}
		add(c.Boundary, node{addr: c.Address, label: label + "\n" + c.Kind, shape: c.Kind})
	}
	for _, ns := range l.members {
		sort.Slice(ns, func(i, j int) bool { return ns[i].addr < ns[j].addr })
	}
	for _, f := range g.Flows {
		if l.ids[f.From] != "" && l.ids[f.To] != "" {
			l.flows = append(l.flows, f)
		}
	}
	for _, p := range paths {
		for _, f := range p.Flows {
			l.hot[f] = true
		}
		for _, n := range p.Nodes {
			l.hotNodes[n] = true
		}
	}
	return l
}

func flowLabel(f *model.Flow) string {
	s := strings.ToUpper(f.Protocol)
	if f.Port > 0 {
		s = strings.TrimSpace(fmt.Sprintf("%s %d", s, f.Port))
	}
	if f.Encrypted == model.No {
		s += " (plain)"
	}
	return s
}

// mermaidText escapes a label for a quoted Mermaid string.
func mermaidText(s string) string {
	s = strings.ReplaceAll(s, `"`, "#quot;")
	return strings.ReplaceAll(s, "\n", "<br/>")
}

// Mermaid writes a flowchart with one subgraph per trust boundary; the flows of
// paths are drawn thick and red, their nodes outlined.
func Mermaid(g *model.Graph, paths []*model.AttackPath) []byte {
	l := newLayout(g, paths)
	var b bytes.Buffer
	b.WriteString("flowchart LR\n")
	writeNode := func(indent string, n node) {
		id := l.ids[n.addr]
		switch n.shape {
		case "actor":
			fmt.Fprintf(&b, "%s%s([\"%s\"])\n", indent, id, mermaidText(n.label))
		case "datastore":
			fmt.Fprintf(&b, "%s%s[(\"%s\")]\n", indent, id, mermaidText(n.label))
		case "queue":
			fmt.Fprintf(&b, "%s%s[[\"%s\"]]\n", indent, id, mermaidText(n.label))
		default:
			fmt.Fprintf(&b, "%s%s[\"%s\"]\n", indent, id, mermaidText(n.label))
		}
	}
	for i, grp := range l.groups {
		if len(l.members[grp]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph b%d[\"%s\"]\n", i, mermaidText(l.groupName[grp]))
		for _, n := range l.members[grp] {
			writeNode("    ", n)
		}
		b.WriteString("  end\n")
	}
	for _, n := range l.loose {
		writeNode("  ", n)
	}
	var hot []int
	for i, f := range l.flows {
		fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", l.ids[f.From], mermaidText(flowLabel(f)), l.ids[f.To])
		if l.hot[f.Address] {
			hot = append(hot, i)
		}
	}
	if len(hot) > 0 {
		idx := make([]string, len(hot))
		for i, h := range hot {
			idx[i] = fmt.Sprint(h)
		}
		fmt.Fprintf(&b, "  linkStyle %s stroke:#d62728,stroke-width:3px\n", strings.Join(idx, ","))
	}
	var hotIDs []string
	for addr := range l.hotNodes {
		if id := l.ids[addr]; id != "" {
			hotIDs = append(hotIDs, id)
		}
	}
	if len(hotIDs) > 0 {
		sort.Strings(hotIDs)
		b.WriteString("  classDef attack stroke:#d62728,stroke-width:3px\n")
		fmt.Fprintf(&b, "  class %s attack\n", strings.Join(hotIDs, ","))
	}
	return b.Bytes()
}

// dotText escapes a label for a quoted DOT string.
func dotText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return strings.ReplaceAll(s, "\n", `\n`)
}

// DOT writes a Graphviz digraph with one cluster per trust boundary; the flows of
// paths are drawn thick and red.
func DOT(g *model.Graph, paths []*model.AttackPath) []byte {
	l := newLayout(g, paths)
	var b bytes.Buffer
	b.WriteString("digraph threatmodel {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	writeNode := func(indent string, n node) {
		shape := map[string]string{"actor": "ellipse", "datastore": "cylinder", "queue": "box3d"}[n.shape]
		if shape == "" {
			shape = "box"
		}
		extra := ""
		if l.hotNodes[n.addr] {
			extra = ", color=\"#d62728\", penwidth=2"
		}
		fmt.Fprintf(&b, "%s%s [label=\"%s\", shape=%s%s];\n", indent, l.ids[n.addr], dotText(n.label), shape, extra)
	}
	for i, grp := range l.groups {
		if len(l.members[grp]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=\"%s\";\n    style=dashed;\n", i, dotText(l.groupName[grp]))
		for _, n := range l.members[grp] {
			writeNode("    ", n)
		}
		b.WriteString("  }\n")
	}
	for _, n := range l.loose {
		writeNode("  ", n)
	}
	for _, f := range l.flows {
		extra := ""
		if l.hot[f.Address] {
			extra = ", color=\"#d62728\", penwidth=3"
		}
		fmt.Fprintf(&b, "  %s -> %s [label=\"%s\"%s];\n", l.ids[f.From], l.ids[f.To], dotText(flowLabel(f)), extra)
	}
	b.WriteString("}\n")
	return b.Bytes()
}
