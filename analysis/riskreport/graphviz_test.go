package riskreport

import (
	"context"
	"encoding/xml"
	"github.com/tm-ls/tm-ls/analysis/model"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func testDiagram() Diagram {
	return Diagram{Kind: "threat-model",
		Groups: []Group{{ID: "b1", Label: `VPC "prod" (trusted)`}},
		Nodes: []Node{
			{ID: "actor.customer", Label: "customer", Kind: "actor"},
			{ID: "component.db", Label: "orders <db>", Kind: "datastore", Group: "b1", Severity: "critical", Findings: 2},
		},
		Edges: []Edge{{From: "actor.customer", To: "component.db", Label: `POSTGRES 5432 "plain"`}},
	}
}

func TestDOTQuotesEverything(t *testing.T) {
	dot := DOT(testDiagram())
	for _, want := range []string{
		`subgraph cluster_0 {`, `label="VPC \"prod\" (trusted)"`,
		`"n:component.db" [label="orders <db>\ndatastore\n2 open (critical)"`, `fillcolor="#ffebe9"`,
		`"n:actor.customer" -> "n:component.db" [label="POSTGRES 5432 \"plain\""];`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s:\n%s", want, dot)
		}
	}
}

// TestGraphvizLayout lays the diagram out with Graphviz. Graphviz is installed by
// `make test` (TM_LS_REQUIRE_GRAPHVIZ=1 makes its absence a failure).
func TestGraphvizLayout(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("TM_LS_REQUIRE_GRAPHVIZ") == "1" {
			t.Fatal("graphviz (dot) is required but not installed: apt-get install graphviz")
		}
		t.Skip("graphviz (dot) not installed")
	}
	svg, err := GraphvizSVG(context.Background(), testDiagram())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(svg, "<svg") {
		t.Fatalf("not an SVG element: %.200s", svg)
	}
	var doc struct{}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatalf("invalid XML: %v", err)
	}
	if n := strings.Count(svg, `class="node"`); n != 2 {
		t.Errorf("%d nodes drawn, want 2", n)
	}
	if !strings.Contains(svg, `class="cluster"`) || !strings.Contains(svg, "orders &lt;db&gt;") {
		t.Errorf("cluster or escaped label missing:\n%s", svg)
	}
	if got := RenderSVG(testDiagram()); got != svg {
		t.Error("RenderSVG does not use Graphviz when it is installed")
	}
}

// TestAttackPathsHighlighted: the steps of the top attack paths are drawn red in all
// three renderings (Graphviz, built-in SVG, Mermaid), and only those steps.
func TestAttackPathsHighlighted(t *testing.T) {
	g := graph()
	if len(g.Flows) < 2 {
		t.Fatalf("fixture graph has %d flows", len(g.Flows))
	}
	g.Paths = []*model.AttackPath{{Source: g.Flows[0].From, Target: g.Flows[0].To, Nodes: []string{g.Flows[0].From, g.Flows[0].To}, Flows: []string{g.Flows[0].Address}}}
	d := Build(Input{Findings: findings(), Graph: g}).Diagram
	attack := 0
	for _, e := range d.Edges {
		if e.Attack {
			attack++
		}
	}
	if attack != 1 {
		t.Fatalf("%d edges marked as attack steps, want 1: %+v", attack, d.Edges)
	}
	if n := strings.Count(DOT(d), "penwidth=2.6"); n != 1 {
		t.Errorf("DOT highlights %d edges", n)
	}
	if n := strings.Count(SVG(d), `stroke="#cf222e"`); n != 1 {
		t.Errorf("built-in SVG highlights %d edges", n)
	}
	if !strings.Contains(Mermaid(d), "linkStyle ") {
		t.Errorf("Mermaid lacks the highlight:\n%s", Mermaid(d))
	}
}
