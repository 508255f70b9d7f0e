package riskreport

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/tm-ls/tm-ls/analysis/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const dir = "../../testdata/riskreport"

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking the change):\n--- got\n%s", name, got)
	}
}

var (
	ruleDB = &model.RuleMeta{ID: "TM-AWS-RDS-PUBLIC", Title: "Database reachable from the internet", Remediation: "Set publicly_accessible = false and keep the database in private subnets.",
		Compliance: []string{"pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.1", "nist-800-53:SC-7"}, Stride: []string{"information-disclosure"}}
	ruleS3 = &model.RuleMeta{ID: "TM-AWS-S3-VERSIONING", Title: "S3 bucket without versioning", Remediation: "Enable versioning.",
		Compliance: []string{"pci-dss-4.0:10.5.1", "dora:Art.12"}}
	ruleIMDS = &model.RuleMeta{ID: "TM-AWS-EC2-IMDSV1", Title: "EC2 instance allows IMDSv1 <script>", Remediation: "Require IMDSv2 | tokens.",
		Compliance: []string{"pci-dss-4.0:2.2.1"}}
)

func at(file string, line int) hcl.Range {
	return hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 5}}
}

func findings() []*model.Finding {
	return []*model.Finding{
		{ID: "TM-AWS-RDS-PUBLIC@aws_db_instance.main", RuleID: ruleDB.ID, Rule: ruleDB, Resource: "aws_db_instance.main", Severity: model.SeverityCritical,
			Status: model.Open, File: "db.tf", Range: at("db.tf", 4), Likelihood: 4, Impact: 5, Inherent: 20, Residual: 20},
		{ID: "TM-AWS-S3-VERSIONING@aws_s3_bucket.assets", RuleID: ruleS3.ID, Rule: ruleS3, Resource: "aws_s3_bucket.assets", Severity: model.SeverityMedium,
			Status: model.Mitigated, File: "s3.tf", Range: at("s3.tf", 1), Likelihood: 3, Impact: 3, Inherent: 9, Residual: 4.5},
		{ID: "TM-AWS-S3-VERSIONING@aws_s3_bucket.logs", RuleID: ruleS3.ID, Rule: ruleS3, Resource: "aws_s3_bucket.logs", Severity: model.SeverityMedium,
			Status: model.Accepted, StatusNote: "accepted by sec-team until 2026-06-30", File: "s3.tf", Range: at("s3.tf", 10), Likelihood: 3, Impact: 3, Inherent: 9, Residual: 9},
		{ID: "TM-AWS-EC2-IMDSV1@aws_instance.web[0]", RuleID: ruleIMDS.ID, Rule: ruleIMDS, Resource: "aws_instance.web[0]", Severity: model.SeverityHigh,
			Status: model.Open, File: "web.tf", Range: at("web.tf", 7), Likelihood: 4, Impact: 4, Inherent: 16, Residual: 16},
		{ID: "TM-AWS-EC2-IMDSV1@aws_instance.web[1]", RuleID: ruleIMDS.ID, Rule: ruleIMDS, Resource: "aws_instance.web[1]", Severity: model.SeverityHigh,
			Status: model.Suppressed, File: "web.tf", Range: at("web.tf", 7), Likelihood: 4, Impact: 4, Inherent: 16, Residual: 16},
	}
}

func resources() []*model.Resource {
	r := func(addr, typ, module, file string, refs ...string) *model.Resource {
		base := addr
		if i := strings.IndexByte(addr, '['); i >= 0 {
			base = addr[:i]
		}
		res := &model.Resource{Address: addr, BaseAddress: base, Root: ".", Type: typ, Module: module, File: file}
		for _, to := range refs {
			res.Refs = append(res.Refs, model.Ref{From: "x", To: to})
		}
		return res
	}
	return []*model.Resource{
		r("aws_lb.front", "aws_lb", "", "lb.tf", "aws_security_group.lb"),
		r("aws_security_group.lb", "aws_security_group", "", "lb.tf"),
		r("aws_instance.web[0]", "aws_instance", "", "web.tf", "aws_lb.front", "aws_db_instance.main"),
		r("aws_instance.web[1]", "aws_instance", "", "web.tf", "aws_lb.front", "aws_db_instance.main"),
		r("aws_db_instance.main", "aws_db_instance", "", "db.tf", "aws_instance.web"), // a cycle through the base address
		r("aws_s3_bucket.assets", "aws_s3_bucket", "", "s3.tf"),
		r("aws_s3_bucket.logs", "aws_s3_bucket", "", "s3.tf"),
		r("module.net.aws_vpc.main", "aws_vpc", "module.net", "modules/net/main.tf"),
		{Address: "data.aws_caller_identity.me", BaseAddress: "data.aws_caller_identity.me", Root: ".", Mode: model.Data, Type: "aws_caller_identity"},
	}
}

func graph() *model.Graph {
	el := func(addr, name string, tf ...string) model.Element {
		return model.Element{Address: addr, Name: name, Terraform: tf, Root: "."}
	}
	return &model.Graph{Name: "Shop <checkout>", Owner: "payments-team",
		Boundaries: []*model.Boundary{{Element: el("boundary.internet", "internet"), Trust: "untrusted"}, {Element: el("boundary.vpc", "vpc"), Trust: "trusted"}},
		Actors:     []*model.Actor{{Element: el("actor.customer", "customer"), Boundary: "boundary.internet"}},
		Components: []*model.Component{
			{Element: el("component.lb", "load balancer", "aws_lb.front"), Kind: "load-balancer", Boundary: "boundary.vpc"},
			{Element: el("component.web", "web", "aws_instance.web[0]", "aws_instance.web[1]"), Kind: "service", Boundary: "boundary.vpc"},
			{Element: el("component.db", "orders db", "aws_db_instance.main"), Kind: "datastore", Boundary: "boundary.vpc"},
			{Element: el("component.assets", "assets", "aws_s3_bucket.assets"), Kind: "datastore"},
		},
		Flows: []*model.Flow{
			{Element: el("flow.a", "a"), From: "actor.customer", To: "component.lb", Protocol: "https", Port: 443},
			{Element: el("flow.b", "b"), From: "component.lb", To: "component.web", Protocol: "http", Port: 8080},
			{Element: el("flow.c", "c"), From: "component.web", To: "component.db", Protocol: "postgres", Port: 5432},
			{Element: el("flow.d", "d"), From: "component.web", To: "component.assets", Protocol: "aws-api"},
		},
		Acceptances: []*model.Acceptance{
			{Element: el("accept.logs", "logs"), RuleID: "TM-AWS-S3-VERSIONING", On: []string{"aws_s3_bucket.logs"}, Reason: "log bucket; objects are immutable", Owner: "sec-team",
				Until: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)},
			{Element: el("accept.old", "old"), RuleID: "TM-AWS-EC2-IMDSV1", On: []string{"aws_instance.legacy"}, Reason: "legacy AMI", Owner: "ops",
				Until: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)},
		},
	}
}

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestBuild(t *testing.T) {
	r := Build(Input{Findings: findings(), Resources: resources(), Graph: graph(), Generated: now, Version: "test"})
	if r.Title != "Shop <checkout>" || r.Owner != "payments-team" {
		t.Errorf("title/owner = %q/%q", r.Title, r.Owner)
	}
	if r.Open != 3 || r.Accepted != 1 || r.Suppressed != 1 || r.Residual != 40.5 || r.Inherent != 45 {
		t.Errorf("open %d accepted %d suppressed %d residual %v inherent %d; want 3 1 1 40.5 45", r.Open, r.Accepted, r.Suppressed, r.Residual, r.Inherent)
	}
	if r.Totals[0].Severity != "critical" || r.Totals[0].Count != 1 || r.Totals[2].Count != 1 || r.Totals[2].Residual != 4.5 {
		t.Errorf("totals = %+v", r.Totals)
	}
	var top []string
	for _, k := range r.TopRisks {
		top = append(top, k.ID)
	}
	if strings.Join(top, " ") != "TM-AWS-RDS-PUBLIC@aws_db_instance.main TM-AWS-EC2-IMDSV1@aws_instance.web[0] TM-AWS-S3-VERSIONING@aws_s3_bucket.assets" {
		t.Errorf("top risks = %v", top)
	}
	if k := r.TopRisks[0]; k.Location != "db.tf:4" || k.Owner != "payments-team" || !strings.HasPrefix(k.Control, "Set publicly_accessible") {
		t.Errorf("top risk = %+v", k)
	}
	// pci-dss-4.0 requirements in numeric order; 10.5.1 after 2.2.1.
	var reqs []string
	for _, q := range r.Compliance[2].Requirements {
		reqs = append(reqs, q.ID)
	}
	if r.Compliance[2].Name != "pci-dss-4.0" || strings.Join(reqs, " ") != "1.3.1 1.4.1 2.2.1 10.5.1" || r.Compliance[2].Open != 3 {
		t.Errorf("pci-dss = %+v", r.Compliance[2])
	}
	if len(r.Accepts) != 2 || r.Accepts[0].RuleID != "TM-AWS-EC2-IMDSV1" || !r.Accepts[0].Expired || r.Accepts[1].Expired ||
		len(r.Accepts[1].Findings) != 1 || r.Accepts[1].Owner != "sec-team" {
		t.Errorf("acceptances = %+v", r.Accepts)
	}
	if r.Diagram.Kind != "threat-model" || len(r.Diagram.Nodes) != 5 || len(r.Diagram.Edges) != 4 {
		t.Errorf("diagram = %+v", r.Diagram)
	}
	for _, n := range r.Diagram.Nodes {
		want := map[string]string{"component.db": "critical", "component.web": "high", "component.assets": "medium"}[n.ID]
		if n.Severity != want {
			t.Errorf("%s severity %q, want %q", n.ID, n.Severity, want)
		}
	}
}

func TestResourceDiagramWithoutGraph(t *testing.T) {
	r := Build(Input{Findings: findings(), Resources: resources()})
	d := r.Diagram
	if r.Title != "tm-ls risk report" || d.Kind != "resources" || len(d.Nodes) != 8 || len(d.Groups) != 2 {
		t.Fatalf("diagram kind %s, %d nodes, %d groups: %+v", d.Kind, len(d.Nodes), len(d.Groups), d)
	}
	var edges []string
	for _, e := range d.Edges {
		edges = append(edges, e.From+">"+e.To)
	}
	want := "aws_lb.front>aws_security_group.lb aws_instance.web[0]>aws_lb.front aws_instance.web[0]>aws_db_instance.main aws_instance.web[1]>aws_lb.front aws_instance.web[1]>aws_db_instance.main aws_db_instance.main>aws_instance.web[0] aws_db_instance.main>aws_instance.web[1]"
	if strings.Join(edges, " ") != want {
		t.Errorf("edges = %v", edges)
	}
}

func TestGoldenOutputs(t *testing.T) {
	for name, in := range map[string]Input{
		// The built-in layout: golden bytes must not depend on the Graphviz installed.
		"graph":     {Findings: findings(), Resources: resources(), Graph: graph(), Generated: now, Version: "test", Layout: "builtin"},
		"resources": {Findings: findings(), Resources: resources(), Version: "test", Layout: "builtin"},
	} {
		r := Build(in)
		var js, md, page bytes.Buffer
		if err := WriteJSON(&js, r); err != nil {
			t.Fatal(err)
		}
		if err := WriteMarkdown(&md, r); err != nil {
			t.Fatal(err)
		}
		if err := WriteHTML(&page, r); err != nil {
			t.Fatal(err)
		}
		golden(t, name+".json.golden", js.Bytes())
		golden(t, name+".md.golden", md.Bytes())
		golden(t, name+".html.golden", page.Bytes())
		var back Report
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Open != r.Open {
			t.Errorf("%s: JSON does not read back: %v", name, err)
		}
		checkSelfContained(t, name, page.String())
	}
}

// checkSelfContained asserts the page loads nothing from the network and escapes
// the hostile rule title.
func checkSelfContained(t *testing.T, name, page string) {
	t.Helper()
	for _, bad := range []string{"<script", "http://", "https://", "<link", "@import", "src="} {
		if strings.Contains(strings.ReplaceAll(page, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("%s: page contains %q: it must be self-contained", name, bad)
		}
	}
	if !strings.Contains(page, "IMDSv1 &lt;script&gt;") {
		t.Errorf("%s: the rule title with <script> is not escaped", name)
	}
}

func TestSVGLayout(t *testing.T) {
	for _, d := range []Diagram{Build(Input{Findings: findings(), Graph: graph()}).Diagram, Build(Input{Findings: findings(), Resources: resources()}).Diagram} {
		svg := SVG(d)
		if svg != SVG(d) {
			t.Error("layout is not deterministic")
		}
		var doc struct {
			Width  int `xml:"width,attr"`
			Height int `xml:"height,attr"`
			Groups []struct {
				Class string `xml:"class,attr"`
				ID    string `xml:"data-id,attr"`
				Rect  []struct {
					X int `xml:"x,attr"`
					Y int `xml:"y,attr"`
					W int `xml:"width,attr"`
					H int `xml:"height,attr"`
				} `xml:"rect"`
			} `xml:"g"`
		}
		if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		type box struct{ x, y, w, h int }
		var nodes []box
		edges := 0
		for _, g := range doc.Groups {
			switch g.Class {
			case "node":
				r := g.Rect[0]
				nodes = append(nodes, box{r.X, r.Y, r.W, r.H})
			case "edge":
				edges++
			}
		}
		if len(nodes) != len(d.Nodes) || edges != len(d.Edges) {
			t.Errorf("%s: drew %d nodes and %d edges, want %d and %d", d.Kind, len(nodes), edges, len(d.Nodes), len(d.Edges))
		}
		for i, a := range nodes {
			if a.x < 0 || a.y < 0 || a.x+a.w > doc.Width || a.y+a.h > doc.Height {
				t.Errorf("%s: node %d at %+v is outside the %dx%d canvas", d.Kind, i, a, doc.Width, doc.Height)
			}
			for _, b := range nodes[i+1:] {
				if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
					t.Errorf("%s: nodes overlap: %+v and %+v", d.Kind, a, b)
				}
			}
		}
	}
}

func TestDiagramIsBounded(t *testing.T) {
	var rs []*model.Resource
	var fs []*model.Finding
	for i := range 500 {
		addr := "aws_s3_bucket.b" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "_" + itoa(i)
		r := &model.Resource{Address: addr, BaseAddress: addr, Root: ".", Type: "aws_s3_bucket"}
		if i > 0 {
			r.Refs = []model.Ref{{To: rs[i-1].Address}}
		}
		rs = append(rs, r)
		if i%100 == 0 {
			fs = append(fs, &model.Finding{ID: "R@" + addr, RuleID: "R", Resource: addr, Severity: model.SeverityHigh, Status: model.Open})
		}
	}
	d := Build(Input{Findings: fs, Resources: rs}).Diagram
	if len(d.Nodes) != MaxNodes || d.Omitted != 500-MaxNodes {
		t.Fatalf("%d nodes, %d omitted", len(d.Nodes), d.Omitted)
	}
	withFindings := 0
	for _, n := range d.Nodes {
		if n.Findings > 0 {
			withFindings++
		}
	}
	if withFindings != 5 {
		t.Errorf("%d nodes with findings kept, want all 5", withFindings)
	}
	start := time.Now()
	if svg := SVG(d); !strings.HasPrefix(svg, "<svg") {
		t.Error("no SVG")
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("layout of %d nodes took %v", len(d.Nodes), el)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestMermaidEscapes(t *testing.T) {
	d := Diagram{Groups: []Group{{ID: "g", Label: `mod "x" | y`}}, Nodes: []Node{
		{ID: `aws_instance.web["a"]`, Label: `web["a"]`, Kind: "aws_instance", Group: "g", Severity: "high", Findings: 2},
		{ID: "b", Label: "b<br>", Kind: "k"}},
		Edges: []Edge{{From: `aws_instance.web["a"]`, To: "b", Label: "tcp|443"}}}
	m := Mermaid(d)
	for _, want := range []string{`subgraph g1["mod #quot;x#quot; #124; y"]`, `n1["web[#quot;a#quot;]<br/><small>aws_instance</small><br/>2 open, high"]`,
		`n2["b#lt;br#gt;<br/><small>k</small>"]`, `n1 -->|"tcp#124;443"| n2`, "class n1 high"} {
		if !strings.Contains(m, want) {
			t.Errorf("Mermaid lacks %q:\n%s", want, m)
		}
	}
}

func TestRequirementOrder(t *testing.T) {
	for _, c := range [][2]string{{"1.2", "1.10"}, {"art9", "art10"}, {"AC-3", "AC-17"}, {"1.3.1", "1.4"}, {"A", "B"}, {"10", "10.1"}, {"2.2.1", "10.5.1"}} {
		if !lessReq(c[0], c[1]) || lessReq(c[1], c[0]) {
			t.Errorf("want %s before %s", c[0], c[1])
		}
	}
}
