package rules

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// testWorkspace is a tiny stand-in for the Terraform loader: it parses resource
// blocks with hclsyntax and evaluates their attributes with `var.*` and the bare
// identifier `unknown` (an unknown value) in scope. Nested blocks become lists of
// objects. Relations are declared by hand.
type testWorkspace struct {
	files     map[string][]byte
	resources []*model.Resource
	byAddr    map[string]*model.Resource
	links     map[string][]string
}

func (w *testWorkspace) Related(r *model.Resource, typ string) []*model.Resource {
	var out []*model.Resource
	for _, a := range w.links[r.Address] {
		if o := w.byAddr[a]; o != nil && o.Type == typ {
			out = append(out, o)
		}
	}
	return out
}

func (w *testWorkspace) link(a, b string) {
	if w.links == nil {
		w.links = map[string][]string{}
	}
	w.links[a] = append(w.links[a], b)
	w.links[b] = append(w.links[b], a)
}

func (w *testWorkspace) src(file string) ([]byte, bool) {
	b, ok := w.files[file]
	return b, ok
}

func (w *testWorkspace) res(t *testing.T, addr string) *model.Resource {
	t.Helper()
	r := w.byAddr[addr]
	if r == nil {
		t.Fatalf("no resource %s", addr)
	}
	return r
}

func newWorkspace(t *testing.T, files map[string]string, vars map[string]cty.Value) *testWorkspace {
	t.Helper()
	w := &testWorkspace{files: map[string][]byte{}, byAddr: map[string]*model.Resource{}}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	varVal := cty.DynamicVal
	if vars != nil {
		varVal = cty.ObjectVal(vars)
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": varVal, "unknown": cty.DynamicVal},
		Functions: map[string]function.Function{"length": stdlib.LengthFunc},
	}
	for _, n := range names {
		src := []byte(files[n])
		w.files[n] = src
		if strings.HasSuffix(n, ".json") {
			continue
		}
		f, ds := hclsyntax.ParseConfig(src, n, hcl.InitialPos)
		if ds.HasErrors() {
			t.Fatalf("parsing %s: %s", n, ds.Error())
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			if b.Type != "resource" || len(b.Labels) != 2 {
				continue
			}
			mod := ""
			if dir, _, ok := strings.Cut(n, "/"); ok && strings.HasPrefix(n, "modules/") {
				_ = dir
				mod = "module.m"
			}
			addr := b.Labels[0] + "." + b.Labels[1]
			if mod != "" {
				addr = mod + "." + addr
			}
			r := &model.Resource{
				Address: addr, BaseAddress: addr, Root: ".", Type: b.Labels[0], Name: b.Labels[1],
				Module: mod, File: n, Attrs: evalBody(t, b.Body, ctx),
				DeclRange: b.DefRange(), BodyRange: b.Range(),
			}
			w.resources = append(w.resources, r)
			w.byAddr[addr] = r
		}
	}
	return w
}

func evalBody(t *testing.T, body *hclsyntax.Body, ctx *hcl.EvalContext) cty.Value {
	t.Helper()
	m := map[string]cty.Value{}
	for name, a := range body.Attributes {
		for _, tr := range a.Expr.Variables() {
			if _, ok := ctx.Variables[tr.RootName()]; !ok {
				ctx.Variables[tr.RootName()] = cty.DynamicVal
			}
		}
		v, ds := a.Expr.Value(ctx)
		if ds.HasErrors() {
			t.Fatalf("evaluating %s: %s", name, ds.Error())
		}
		m[name] = v
	}
	blocks := map[string][]cty.Value{}
	var order []string
	for _, b := range body.Blocks {
		if _, ok := blocks[b.Type]; !ok {
			order = append(order, b.Type)
		}
		blocks[b.Type] = append(blocks[b.Type], evalBody(t, b.Body, ctx))
	}
	for _, typ := range order {
		m[typ] = cty.TupleVal(blocks[typ])
	}
	return cty.ObjectVal(m)
}

// mustParse parses rule source and fails on any diagnostic.
func mustParse(t *testing.T, src string) []*Rule {
	t.Helper()
	rs, ds := ParseFile("test.hcl", []byte(src))
	if len(ds) > 0 {
		for _, d := range ds {
			t.Errorf("diagnostic: %s:%d:%d: %s: %s", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Summary, d.Detail)
		}
		t.FailNow()
	}
	return rs
}

// ruleWith makes a one-rule catalogue with the given condition (and applies) on
// aws_thing resources.
func ruleWith(t *testing.T, condition string, applies string) *Catalog {
	t.Helper()
	src := `rule "TM-TEST-ONE" {
  title = "t"
  severity = "high"
  likelihood = 3
  impact = 3
  resource = ["aws_thing"]
  condition = <<-EOT
    ` + condition + `
  EOT
`
	if applies != "" {
		src += "  applies = <<-EOT\n    " + applies + "\n  EOT\n"
	}
	src += "}\n"
	c, _ := NewCatalog(mustParse(t, src))
	return c
}

// evalOne evaluates the single rule of c on a resource with the given attributes.
func evalOne(t *testing.T, c *Catalog, attrs cty.Value, idx Index) Result {
	t.Helper()
	r := &model.Resource{Address: "aws_thing.x", Type: "aws_thing", Name: "x", Attrs: attrs}
	res := c.NewEvaluator(idx).EvaluateRule(context.Background(), c.Rules()[0], r)
	return res
}
