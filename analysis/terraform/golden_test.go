package terraform

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

	"github.com/hashicorp/hcl/v2"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/terraform")

const testdataDir = "../../testdata/terraform"

type goldenResource struct {
	Address     string            `json:"address"`
	Root        string            `json:"root"`
	Type        string            `json:"type"`
	Key         any               `json:"key,omitempty"`
	File        string            `json:"file"`
	Decl        string            `json:"decl"`
	ModuleCalls []string          `json:"module_calls,omitempty"`
	Attrs       any               `json:"attrs"`
	Refs        []string          `json:"refs,omitempty"`
	Paths       map[string]string `json:"paths,omitempty"`
	Related     []string          `json:"related,omitempty"`
	Joined      []string          `json:"joined,omitempty"`
	JoinedTo    string            `json:"joined_to,omitempty"`
}

type goldenWorkspace struct {
	Files       []string         `json:"files"`
	Resources   []goldenResource `json:"resources"`
	Diagnostics []string         `json:"diagnostics"`
}

// ctyJSON renders a value for golden files; unknown values read "(unknown)".
func ctyJSON(v cty.Value) any {
	if v == cty.NilVal {
		return nil
	}
	if !v.IsKnown() {
		return "(unknown)"
	}
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Number:
		return json.Number(v.AsBigFloat().Text('g', -1))
	case ty == cty.Bool:
		return v.True()
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := []any{}
		for _, e := range elems(v) {
			out = append(out, ctyJSON(e))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = ctyJSON(e)
		}
		return out
	}
	return fmt.Sprintf("(%s)", ty.FriendlyName())
}

func rangeString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d", r.Filename, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

func goldenOf(ws *Workspace) goldenWorkspace {
	g := goldenWorkspace{Files: []string{}, Resources: []goldenResource{}, Diagnostics: []string{}}
	for p := range ws.Files {
		g.Files = append(g.Files, p)
	}
	sort.Strings(g.Files)
	types := map[string]bool{}
	for _, r := range ws.Resources {
		types[r.Type] = true
	}
	for _, r := range ws.Resources {
		gr := goldenResource{Address: r.Address, Root: r.Root, Type: r.Type, File: r.File, Decl: rangeString(r.DeclRange),
			Attrs: ctyJSON(r.Attrs), Joined: r.Joined, JoinedTo: r.JoinedTo, Paths: map[string]string{}}
		if r.Key != cty.NilVal {
			gr.Key = ctyJSON(r.Key)
		}
		for _, mc := range r.ModuleCalls {
			gr.ModuleCalls = append(gr.ModuleCalls, fmt.Sprintf("%s%s (%s) @ %s", mc.Name, mc.Key, mc.Source, rangeString(mc.Range)))
		}
		for _, ref := range r.Refs {
			gr.Refs = append(gr.Refs, fmt.Sprintf("%s -> %s @ %s", ref.From, ref.To, rangeString(ref.Range)))
		}
		sort.Strings(gr.Refs)
		for p, loc := range r.Paths {
			s := rangeString(loc.Range) + " value " + rangeString(loc.Value)
			if loc.Block {
				s += " block"
			}
			if loc.Owner != r.Address {
				s += " owner " + loc.Owner
			}
			gr.Paths[p] = s
		}
		for typ := range types {
			for _, o := range ws.Related(r, typ) {
				gr.Related = append(gr.Related, o.Root+":"+o.Address)
			}
		}
		sort.Strings(gr.Related)
		g.Resources = append(g.Resources, gr)
	}
	for _, d := range ws.Diagnostics {
		g.Diagnostics = append(g.Diagnostics, fmt.Sprintf("%s %s %s:%d:%d: %s", d.Code, d.Severity, d.File, d.Range.Start.Line, d.Range.Start.Column, d.Summary))
	}
	return g
}

// checkGolden compares the workspace with testdata/terraform/<name>/golden.json.
func checkGolden(t *testing.T, name string, ws *Workspace) {
	t.Helper()
	checkSymmetric(t, ws)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(goldenOf(ws)); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	file := filepath.Join(testdataDir, name, "golden.json")
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("missing golden file (run go test -update): %v", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the evaluation; run `go test ./analysis/terraform -update` and review the diff:\n%s", file, lineDiff(string(want), string(got)))
	}
}

func load(t *testing.T, opts Options) *Workspace {
	t.Helper()
	ws, err := Load(context.Background(), opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ws
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(testdataDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// attrOf walks a dotted path ("versioning.0.enabled") through an evaluated value.
func attrOf(t *testing.T, v cty.Value, p string) cty.Value {
	t.Helper()
	cur := v
	for _, part := range splitPath(p) {
		if !cur.IsKnown() || cur.IsNull() {
			t.Fatalf("path %s: %s is unknown or null", p, part)
		}
		ty := cur.Type()
		switch {
		case ty.IsObjectType():
			if !ty.HasAttribute(part) {
				t.Fatalf("path %s: no attribute %s in %#v", p, part, ctyJSON(cur))
			}
			cur = cur.GetAttr(part)
		case ty.IsMapType():
			cur = cur.Index(cty.StringVal(part))
		default:
			var i int
			if _, err := fmt.Sscan(part, &i); err != nil {
				t.Fatalf("path %s: %s is not an index", p, part)
			}
			es := elems(cur)
			if i >= len(es) {
				t.Fatalf("path %s: index %d out of range (%d)", p, i, len(es))
			}
			cur = es[i]
		}
	}
	return cur
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '.' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return out
}

func mustLookup(t *testing.T, ws *Workspace, root, addr string) *model.Resource {
	t.Helper()
	r := ws.Lookup(root, addr)
	if r == nil {
		var have []string
		for _, r := range ws.Resources {
			if len(have) < 20 {
				have = append(have, r.Root+":"+r.Address)
			}
		}
		t.Fatalf("no resource %s:%s; have %v", root, addr, have)
	}
	return r
}

func hasDiag(ws *Workspace, code, substr string) bool {
	for _, d := range ws.Diagnostics {
		if d.Code == code && (substr == "" || contains(d.Summary, substr)) {
			return true
		}
	}
	return false
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (func() bool {
		for i := 0; i+len(sub) <= len(s); i++ {
			if s[i:i+len(sub)] == sub {
				return true
			}
		}
		return false
	})())
}

func wantString(t *testing.T, v cty.Value, want string) {
	t.Helper()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String || v.AsString() != want {
		t.Errorf("got %#v, want %q", ctyJSON(v), want)
	}
}

func wantUnknown(t *testing.T, v cty.Value) {
	t.Helper()
	if v.IsWhollyKnown() {
		t.Errorf("got %#v, want unknown", ctyJSON(v))
	}
}

// lineDiff shows the first lines that differ (enough to see what changed).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b))
			if len(out) == 5 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// checkSymmetric asserts that Related is symmetric, sorted and free of duplicates.
func checkSymmetric(t *testing.T, ws *Workspace) {
	t.Helper()
	types := map[string]bool{}
	for _, r := range ws.Resources {
		types[r.Type] = true
	}
	for _, r := range ws.Resources {
		for typ := range types {
			rel := ws.Related(r, typ)
			for i, o := range rel {
				if i > 0 && !(rel[i-1].Root < o.Root || rel[i-1].Root == o.Root && rel[i-1].Address < o.Address) {
					t.Errorf("Related(%s, %s) not sorted or has duplicates", r.Address, typ)
				}
				back := false
				for _, x := range ws.Related(o, r.Type) {
					back = back || x == r
				}
				if !back {
					t.Errorf("%s is related to %s but not the other way", r.Address, o.Address)
				}
			}
		}
	}
}
