package riskreport

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// MaxNodes bounds the diagram; larger systems keep the nodes with findings first.
const MaxNodes = 200

// Diagram is the system drawn in the report: the threat model's actors and
// components grouped by trust boundary with their flows, or, without a threat model,
// the Terraform resources grouped by module with their references.
type Diagram struct {
	// Kind is "threat-model" or "resources".
	Kind   string  `json:"kind"`
	Groups []Group `json:"groups"`
	Nodes  []Node  `json:"nodes"`
	Edges  []Edge  `json:"edges"`
	// Omitted counts the nodes left out to stay within MaxNodes.
	Omitted int `json:"omitted,omitempty"`
}

// Group is a boundary or module.
type Group struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Node is a component, actor or resource.
type Node struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
	Group string `json:"group,omitempty"`
	// Severity is the highest severity of its open findings ("" when none).
	Severity string `json:"severity,omitempty"`
	Findings int    `json:"open_findings,omitempty"`
}

// Edge is a flow or reference.
type Edge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
	// Attack is true when the flow is a step of one of the top attack paths.
	Attack bool `json:"attack,omitempty"`
}

// TopPaths is how many attack paths the diagram highlights.
const TopPaths = 3

type sevCount struct {
	sev   model.Severity
	count int
}

// openBy indexes open findings by resource address (and root-qualified address).
func openBy(findings []*model.Finding) map[string]sevCount {
	m := map[string]sevCount{}
	for _, f := range findings {
		if !active(f) {
			continue
		}
		keys := []string{f.Resource}
		if _, after, ok := strings.Cut(f.ID, "@"); ok && after != f.Resource {
			keys = append(keys, after)
		}
		for _, k := range keys {
			c := m[k]
			c.count++
			if c.count == 1 || f.Severity > c.sev {
				c.sev = f.Severity
			}
			m[k] = c
		}
	}
	return m
}

func diagram(in Input) Diagram {
	if in.Graph != nil && len(in.Graph.Components) > 0 {
		return graphDiagram(in)
	}
	return resourceDiagram(in)
}

func graphDiagram(in Input) Diagram {
	g := in.Graph
	d := Diagram{Kind: "threat-model", Groups: []Group{}, Nodes: []Node{}, Edges: []Edge{}}
	open := openBy(in.Findings)
	for _, b := range g.Boundaries {
		label := b.Name
		if label == "" {
			label = b.Address
		}
		if b.Trust != "" {
			label += " (" + b.Trust + ")"
		}
		d.Groups = append(d.Groups, Group{ID: b.Address, Label: label})
	}
	for _, a := range g.Actors {
		d.Nodes = append(d.Nodes, Node{ID: a.Address, Label: nameOr(a.Name, a.Address), Kind: "actor", Group: a.Boundary})
	}
	for _, c := range g.Components {
		n := Node{ID: c.Address, Label: nameOr(c.Name, c.Address), Kind: c.Kind, Group: c.Boundary}
		var sc sevCount
		for _, k := range append([]string{c.Address}, c.Terraform...) {
			if o, ok := open[k]; ok {
				if sc.count == 0 || o.sev > sc.sev {
					sc.sev = o.sev
				}
				sc.count += o.count
			}
		}
		if sc.count > 0 {
			n.Severity, n.Findings = sc.sev.String(), sc.count
		}
		d.Nodes = append(d.Nodes, n)
	}
	onPath := map[string]bool{}
	for i, p := range g.Paths {
		if i == TopPaths {
			break
		}
		for _, fl := range p.Flows {
			onPath[fl] = true
		}
	}
	for _, f := range g.Flows {
		label := f.Protocol
		if f.Port > 0 {
			label += fmt.Sprintf(":%d", f.Port)
		}
		d.Edges = append(d.Edges, Edge{From: f.From, To: f.To, Label: strings.TrimPrefix(label, ":"), Attack: onPath[f.Address]})
	}
	return limit(d)
}

func nameOr(name, addr string) string {
	if name != "" {
		return name
	}
	return addr
}

func resourceDiagram(in Input) Diagram {
	d := Diagram{Kind: "resources", Groups: []Group{}, Nodes: []Node{}, Edges: []Edge{}}
	open := openBy(in.Findings)
	groups := map[string]bool{}
	byAddr := map[string][]string{} // root + "\x00" + address or base address → node IDs
	for _, r := range in.Resources {
		if r.Mode == model.Data {
			continue
		}
		gid := r.Root + "\x00" + r.Module
		if !groups[gid] {
			groups[gid] = true
			d.Groups = append(d.Groups, Group{ID: gid, Label: groupLabel(r.Root, r.Module)})
		}
		id := r.Address
		qualified := r.Address
		if r.Root != "" && r.Root != "." {
			id = r.Root + ":" + r.Address
			qualified = id
		}
		n := Node{ID: id, Label: strings.TrimPrefix(strings.TrimPrefix(r.Address, r.Module), "."), Kind: r.Type, Group: gid}
		for _, k := range []string{qualified, r.Address} {
			if o, ok := open[k]; ok {
				n.Severity, n.Findings = o.sev.String(), o.count
				break
			}
		}
		d.Nodes = append(d.Nodes, n)
		byAddr[r.Root+"\x00"+r.Address] = append(byAddr[r.Root+"\x00"+r.Address], id)
		if r.BaseAddress != r.Address {
			byAddr[r.Root+"\x00"+r.BaseAddress] = append(byAddr[r.Root+"\x00"+r.BaseAddress], id)
		}
	}
	seen := map[[2]string]bool{}
	for _, r := range in.Resources {
		if r.Mode == model.Data {
			continue
		}
		from := r.Address
		if r.Root != "" && r.Root != "." {
			from = r.Root + ":" + r.Address
		}
		for _, ref := range r.Refs {
			for _, to := range byAddr[r.Root+"\x00"+ref.To] {
				if to == from || seen[[2]string{from, to}] {
					continue
				}
				seen[[2]string{from, to}] = true
				d.Edges = append(d.Edges, Edge{From: from, To: to})
			}
		}
	}
	sort.SliceStable(d.Groups, func(i, j int) bool { return d.Groups[i].ID < d.Groups[j].ID })
	return limit(d)
}

func groupLabel(root, module string) string {
	var parts []string
	if root != "" && root != "." {
		parts = append(parts, root)
	}
	if module != "" {
		parts = append(parts, module)
	} else {
		parts = append(parts, "root module")
	}
	return strings.Join(parts, " / ")
}

// limit keeps at most MaxNodes nodes (those with findings first, then by ID) and the
// edges between them.
func limit(d Diagram) Diagram {
	if len(d.Nodes) <= MaxNodes {
		return d
	}
	keep := append([]Node(nil), d.Nodes...)
	sort.SliceStable(keep, func(i, j int) bool {
		if (keep[i].Findings > 0) != (keep[j].Findings > 0) {
			return keep[i].Findings > 0
		}
		return keep[i].ID < keep[j].ID
	})
	kept := map[string]bool{}
	for _, n := range keep[:MaxNodes] {
		kept[n.ID] = true
	}
	var nodes []Node
	for _, n := range d.Nodes {
		if kept[n.ID] {
			nodes = append(nodes, n)
		}
	}
	var edges []Edge
	for _, e := range d.Edges {
		if kept[e.From] && kept[e.To] {
			edges = append(edges, e)
		}
	}
	d.Omitted = len(d.Nodes) - len(nodes)
	d.Nodes, d.Edges = nodes, edges
	return d
}

// Layout constants (SVG user units).
const (
	nodeW   = 190
	nodeH   = 44
	colGap  = 96
	rowGap  = 14
	pad     = 20
	groupHd = 26
)

type placed struct {
	x, y int
	rank int
}

// SVG lays the diagram out left to right in layers (a node's column is the longest
// chain of edges leading to it, cycles broken at back edges) with one band per group,
// and draws it as standalone SVG. The output is deterministic.
func SVG(d Diagram) string {
	if len(d.Nodes) == 0 {
		return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60" viewBox="0 0 400 60" role="img" aria-label="empty system diagram"><text x="20" y="35" font-family="sans-serif" font-size="14">No resources to draw.</text></svg>`
	}
	idx := map[string]int{}
	for i, n := range d.Nodes {
		idx[n.ID] = i
	}
	n := len(d.Nodes)
	out := make([][]int, n)
	type pair struct{ a, b int }
	var edges []pair
	for _, e := range d.Edges {
		a, ok1 := idx[e.From]
		b, ok2 := idx[e.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		out[a] = append(out[a], b)
		edges = append(edges, pair{a, b})
	}
	// Break cycles: DFS in node order, edges to a node on the stack are back edges.
	state := make([]int, n) // 0 new, 1 on stack, 2 done
	back := map[pair]bool{}
	var dfs func(int)
	dfs = func(u int) {
		state[u] = 1
		for _, v := range out[u] {
			switch state[v] {
			case 0:
				dfs(v)
			case 1:
				back[pair{u, v}] = true
			}
		}
		state[u] = 2
	}
	for i := range d.Nodes {
		if state[i] == 0 {
			dfs(i)
		}
	}
	// Longest-path ranks over forward edges (Kahn's order, by index).
	indeg := make([]int, n)
	for _, e := range edges {
		if !back[e] {
			indeg[e.b]++
		}
	}
	rank := make([]int, n)
	queue := []int{}
	for i := range d.Nodes {
		if indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range out[u] {
			if back[pair{u, v}] {
				continue
			}
			rank[v] = max(rank[v], rank[u]+1)
			if indeg[v]--; indeg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	maxRank := 0
	for _, r := range rank {
		maxRank = max(maxRank, r)
	}
	// Groups in the diagram's order, then the ungrouped nodes.
	groupOrder := []string{}
	labels := map[string]string{}
	for _, g := range d.Groups {
		groupOrder = append(groupOrder, g.ID)
		labels[g.ID] = g.Label
	}
	members := map[string][]int{}
	for i, nd := range d.Nodes {
		g := nd.Group
		if _, ok := labels[g]; !ok {
			g = ""
		}
		members[g] = append(members[g], i)
	}
	if len(members[""]) > 0 {
		groupOrder = append(groupOrder, "")
		labels[""] = "other"
	}
	preds := make([][]int, n)
	for _, e := range edges {
		preds[e.b] = append(preds[e.b], e.a)
	}
	pos := make([]placed, n)
	done := make([]bool, n)
	width := 2*pad + (maxRank+1)*(nodeW+colGap) - colGap
	var body strings.Builder
	y := pad
	var bands strings.Builder
	for _, g := range groupOrder {
		ms := members[g]
		if len(ms) == 0 {
			continue
		}
		cols := map[int][]int{}
		for _, i := range ms {
			cols[rank[i]] = append(cols[rank[i]], i)
		}
		rows := 0
		top := y + groupHd
		for r := 0; r <= maxRank; r++ {
			c := cols[r]
			bary := map[int]float64{}
			for _, i := range c {
				sum, k := 0.0, 0
				for _, p := range preds[i] {
					if done[p] {
						sum += float64(pos[p].y)
						k++
					}
				}
				if k > 0 {
					bary[i] = sum / float64(k)
				} else {
					bary[i] = 1e9
				}
			}
			sort.SliceStable(c, func(a, b int) bool {
				if bary[c[a]] != bary[c[b]] {
					return bary[c[a]] < bary[c[b]]
				}
				return d.Nodes[c[a]].Label+d.Nodes[c[a]].ID < d.Nodes[c[b]].Label+d.Nodes[c[b]].ID
			})
			for row, i := range c {
				pos[i] = placed{x: pad + r*(nodeW+colGap), y: top + row*(nodeH+rowGap), rank: r}
				done[i] = true
			}
			rows = max(rows, len(c))
		}
		h := groupHd + rows*(nodeH+rowGap) + rowGap/2
		fmt.Fprintf(&bands, `<g class="group"><rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="#f6f8fa" stroke="#8c959f" stroke-dasharray="5 4"/><text x="%d" y="%d" font-size="12" font-weight="bold" fill="#57606a">%s</text></g>`,
			pad/2, y, width-pad, h, pad, y+17, esc(truncate(labels[g], 90)))
		y += h + pad
	}
	height := y
	body.WriteString(bands.String())
	// Edges under the nodes.
	for _, e := range d.Edges {
		a, ok1 := idx[e.From]
		b, ok2 := idx[e.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		pa, pb := pos[a], pos[b]
		var path string
		var lx, ly int
		if pb.rank > pa.rank {
			x1, y1 := pa.x+nodeW, pa.y+nodeH/2
			x2, y2 := pb.x, pb.y+nodeH/2
			mx := (x1 + x2) / 2
			path = fmt.Sprintf("M%d %d C%d %d %d %d %d %d", x1, y1, mx, y1, mx, y2, x2, y2)
			lx, ly = mx, (y1+y2)/2-4
		} else {
			// Same column or backwards: leave from the bottom, arrive at the top, bulging right.
			x1, y1 := pa.x+nodeW*3/4, pa.y+nodeH
			x2, y2 := pb.x+nodeW*3/4, pb.y
			if pb.y > pa.y {
				y1, y2 = pa.y+nodeH, pb.y
			} else {
				y1, y2 = pa.y, pb.y+nodeH
			}
			bulge := nodeW/2 + colGap/2
			path = fmt.Sprintf("M%d %d C%d %d %d %d %d %d", x1, y1, x1+bulge, y1, x2+bulge, y2, x2, y2)
			lx, ly = (x1+x2)/2+bulge*3/4, (y1+y2)/2
		}
		title := e.From + " → " + e.To
		if e.Label != "" {
			title += " (" + e.Label + ")"
		}
		stroke, width := "#57606a", "1.3"
		if e.Attack {
			stroke, width = "#cf222e", "2.6" // a step of a top attack path
		}
		fmt.Fprintf(&body, `<g class="edge"><title>%s</title><path d="%s" fill="none" stroke="%s" stroke-width="%s" marker-end="url(#arrow)"/>`, esc(title), path, stroke, width)
		if e.Label != "" {
			fmt.Fprintf(&body, `<text x="%d" y="%d" font-size="10" fill="#24292f" text-anchor="middle">%s</text>`, lx, ly, esc(truncate(e.Label, 24)))
		}
		body.WriteString(`</g>`)
	}
	for i, nd := range d.Nodes {
		p := pos[i]
		fill, stroke := sevColors(nd.Severity)
		title := nd.ID + " (" + nd.Kind + ")"
		if nd.Findings > 0 {
			title += fmt.Sprintf(": %d open finding(s), highest %s", nd.Findings, nd.Severity)
		}
		fmt.Fprintf(&body, `<g class="node" data-id="%s"><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s" stroke="%s" stroke-width="1.5"/>`,
			esc(nd.ID), esc(title), p.x, p.y, nodeW, nodeH, fill, stroke)
		room := 27 // characters of the label; the findings badge takes the top right corner
		if nd.Findings > 0 {
			room = 23
		}
		fmt.Fprintf(&body, `<text x="%d" y="%d" font-size="12" fill="#24292f">%s</text><text x="%d" y="%d" font-size="10" fill="#57606a">%s</text>`,
			p.x+8, p.y+18, esc(truncate(nd.Label, room)), p.x+8, p.y+34, esc(truncate(nd.Kind, 32)))
		if nd.Findings > 0 {
			fmt.Fprintf(&body, `<circle cx="%d" cy="%d" r="9" fill="%s"/><text x="%d" y="%d" font-size="10" fill="#fff" text-anchor="middle">%d</text>`,
				p.x+nodeW-12, p.y+12, stroke, p.x+nodeW-12, p.y+16, min(nd.Findings, 99))
		}
		body.WriteString(`</g>`)
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" role="img" aria-label="system diagram"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#57606a"/></marker></defs>%s</svg>`,
		width, height, width, height, body.String())
}

func sevColors(sev string) (fill, stroke string) {
	switch sev {
	case "critical":
		return "#ffebe9", "#a40e26"
	case "high":
		return "#fff1e5", "#bc4c00"
	case "medium":
		return "#fff8c5", "#9a6700"
	case "low":
		return "#dafbe1", "#1a7f37"
	case "info":
		return "#ddf4ff", "#0969da"
	}
	return "#ffffff", "#8c959f"
}

func esc(s string) string { return html.EscapeString(s) }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
