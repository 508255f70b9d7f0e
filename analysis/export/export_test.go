package export

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tm-ls/tm-ls/analysis/graph"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/graph")

var examples = []string{"three-tier-aws", "serverless-api", "azure-data-platform"}

func repoRoot(t *testing.T) string {
	abs, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func load(t *testing.T, name string) (*model.Graph, []*model.Finding) {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "testdata", "examples", name)
	ws, err := terraform.Load(context.Background(), terraform.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	dsl, _ := tmdsl.Load(dir, nil)
	g, _ := graph.Build(ws, dsl)
	cat, _ := graphrules.Builtin()
	fs, _ := graph.Threats(context.Background(), g, cat, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	return g, fs
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
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
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (run with -update after checking):\n%s", path, got)
	}
}

func top(g *model.Graph, n int) []*model.AttackPath {
	if len(g.Paths) < n {
		return g.Paths
	}
	return g.Paths[:n]
}

func TestExportsGoldenAndValid(t *testing.T) {
	schemaBytes, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "graph", "otm-0.2.0.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(schemaBytes, &schema); err != nil {
		t.Fatal(err)
	}
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			g, fs := load(t, name)
			otm, err := OTM(g, fs)
			if err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(otm, &doc); err != nil {
				t.Fatal(err)
			}
			if errs := validate(schema, schema, doc, "$"); len(errs) > 0 {
				t.Errorf("OTM does not conform:\n%s", strings.Join(errs, "\n"))
			}
			checkOTMReferences(t, doc.(map[string]any))
			dir := filepath.Join(repoRoot(t), "testdata", "graph", name)
			golden(t, filepath.Join(dir, "otm.golden"), otm)
			golden(t, filepath.Join(dir, "mermaid.golden"), Mermaid(g, top(g, 3)))
			// Deterministic: a second analysis gives the same bytes in every format.
			g2, fs2 := load(t, name)
			for _, f := range Formats {
				a, err1 := Write(f, g, fs, top(g, 3))
				b, err2 := Write(f, g2, fs2, top(g2, 3))
				if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
					t.Errorf("%s export is not deterministic (%v %v)", f, err1, err2)
				}
			}
			js, err := JSON(g, fs)
			if err != nil || !json.Valid(js) {
				t.Fatalf("JSON export invalid: %v", err)
			}
		})
	}
}

// checkOTMReferences verifies what the schema cannot: every parent, dataflow end,
// threat and mitigation reference names something in the document.
func checkOTMReferences(t *testing.T, doc map[string]any) {
	ids := func(key string) map[string]bool {
		out := map[string]bool{}
		list, _ := doc[key].([]any)
		for _, x := range list {
			out[x.(map[string]any)["id"].(string)] = true
		}
		return out
	}
	zones, comps, threats, mitigations := ids("trustZones"), ids("components"), ids("threats"), ids("mitigations")
	checkInst := func(where string, list any) {
		insts, _ := list.([]any)
		for _, x := range insts {
			in := x.(map[string]any)
			if !threats[in["threat"].(string)] {
				t.Errorf("%s: threat %v not defined", where, in["threat"])
			}
			ms, _ := in["mitigations"].([]any)
			for _, m := range ms {
				if !mitigations[m.(map[string]any)["mitigation"].(string)] {
					t.Errorf("%s: mitigation %v not defined", where, m)
				}
			}
		}
	}
	for _, x := range doc["components"].([]any) {
		c := x.(map[string]any)
		p := c["parent"].(map[string]any)
		if tz, ok := p["trustZone"]; ok && !zones[tz.(string)] {
			t.Errorf("component %v: unknown trust zone %v", c["id"], tz)
		}
		checkInst(fmt.Sprint(c["id"]), c["threats"])
	}
	for _, x := range doc["dataflows"].([]any) {
		f := x.(map[string]any)
		if !comps[f["source"].(string)] || !comps[f["destination"].(string)] {
			t.Errorf("dataflow %v: unknown end", f["id"])
		}
		checkInst(fmt.Sprint(f["id"]), f["threats"])
	}
}

func TestValidatorRejects(t *testing.T) {
	schema := map[string]any{}
	if err := json.Unmarshal([]byte(`{"type":"object","required":["a"],"properties":{"a":{"type":"string","enum":["x"]},
	  "p":{"type":"object","oneOf":[{"required":["trustZone"]},{"required":["component"]}]},
	  "l":{"type":["array","null"],"items":{"type":"number"}}}}`), &schema); err != nil {
		t.Fatal(err)
	}
	bad := []string{`{}`, `{"a":"y"}`, `{"a":1}`, `{"a":"x","p":{}}`, `{"a":"x","p":{"trustZone":"z","component":"c"}}`, `{"a":"x","l":["s"]}`, `[]`}
	for _, b := range bad {
		var v any
		_ = json.Unmarshal([]byte(b), &v)
		if len(validate(schema, schema, v, "$")) == 0 {
			t.Errorf("%s accepted", b)
		}
	}
	var ok any
	_ = json.Unmarshal([]byte(`{"a":"x","p":{"component":"c"},"l":null}`), &ok)
	if errs := validate(schema, schema, ok, "$"); len(errs) > 0 {
		t.Errorf("valid document rejected: %v", errs)
	}
}

// validate checks v against the JSON Schema subset the OTM schema uses: type
// (string or list), required, properties, items, enum, oneOf and local $ref.
func validate(root, s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		target := any(root)
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			target = target.(map[string]any)[p]
		}
		return validate(root, target.(map[string]any), v, at)
	}
	var errs []string
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		match := false
		for _, ty := range types {
			match = match || isType(ty, v)
		}
		if !match {
			return []string{fmt.Sprintf("%s: %T is not %v", at, v, types)}
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in %v", at, v, enum))
		}
	}
	if obj, ok := v.(map[string]any); ok {
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := obj[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: missing %q", at, r))
				}
			}
		}
		if props, ok := s["properties"].(map[string]any); ok {
			keys := make([]string, 0, len(props))
			for k := range props {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if x, ok := obj[k]; ok {
					errs = append(errs, validate(root, props[k].(map[string]any), x, at+"."+k)...)
				}
			}
		}
		if one, ok := s["oneOf"].([]any); ok {
			n := 0
			for _, alt := range one {
				if len(validate(root, alt.(map[string]any), v, at)) == 0 {
					n++
				}
			}
			if n != 1 {
				errs = append(errs, fmt.Sprintf("%s: matches %d of the oneOf alternatives, want exactly 1", at, n))
			}
		}
	}
	if list, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range list {
				errs = append(errs, validate(root, items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func isType(t string, v any) bool {
	switch t {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "boolean":
		_, ok := v.(bool)
		return ok
	}
	return false
}

func TestDiagramsGroupAndHighlight(t *testing.T) {
	g, _ := load(t, "three-tier-aws")
	m := string(Mermaid(g, top(g, 1)))
	if !strings.Contains(m, `subgraph`) || !strings.Contains(m, `vpc (trusted)`) || !strings.Contains(m, "linkStyle") {
		t.Errorf("mermaid lacks boundaries or highlighted path:\n%s", m)
	}
	d := string(DOT(g, top(g, 1)))
	if !strings.Contains(d, "subgraph cluster_") || !strings.Contains(d, `penwidth=3`) || !strings.HasSuffix(d, "}\n") {
		t.Errorf("dot lacks clusters or highlighted path:\n%s", d)
	}
	// The highlighted edges are exactly the flows of the top path.
	n := strings.Count(d, "penwidth=3")
	if n != len(g.Paths[0].Flows) {
		t.Errorf("%d highlighted edges, the top path has %d flows", n, len(g.Paths[0].Flows))
	}
}

func TestOTMAttachesResourceFindingsToComponents(t *testing.T) {
	g, fs := load(t, "three-tier-aws")
	res := &model.Finding{ID: "TM-AWS-RDS-PUBLIC@aws_db_instance.orders", RuleID: "TM-AWS-RDS-PUBLIC", Resource: "aws_db_instance.orders",
		Rule: &model.RuleMeta{ID: "TM-AWS-RDS-PUBLIC", Title: "RDS instance is publicly accessible", Likelihood: 4, Impact: 5, Compliance: []string{"pci-dss-4.0:1.4.4"}}}
	orphan := &model.Finding{ID: "X@aws_nothing.here", RuleID: "X", Resource: "aws_nothing.here", Rule: &model.RuleMeta{ID: "X", Title: "x"}}
	b, err := OTM(g, append(append([]*model.Finding{}, fs...), res, orphan))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components []struct {
			ID      string `json:"id"`
			Threats []struct {
				Threat string `json:"threat"`
			} `json:"threats"`
		} `json:"components"`
		Threats []struct {
			ID   string   `json:"id"`
			Tags []string `json:"tags"`
			Risk struct {
				Likelihood, Impact int
			} `json:"risk"`
		} `json:"threats"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range doc.Components {
		for _, th := range c.Threats {
			if th.Threat == "TM-AWS-RDS-PUBLIC" {
				found = c.ID == "component.orders_db"
			}
		}
	}
	if !found {
		t.Error("resource finding not attached to the component claiming the resource")
	}
	for _, th := range doc.Threats {
		if th.ID == "X" {
			t.Error("a finding on no element defined a threat")
		}
		if th.ID == "TM-AWS-RDS-PUBLIC" && (th.Risk.Likelihood != 80 || th.Risk.Impact != 100 || th.Tags[0] != "pci-dss-4.0:1.4.4") {
			t.Errorf("threat definition: %+v", th)
		}
	}
}
