package terraform

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// moduleConfig is the decoded (not yet evaluated) content of one module directory.
type moduleConfig struct {
	dir       string // rel slash dir
	files     []*File
	vars      []*varDecl
	locals    []*localDecl
	outputs   []*outputDecl
	resources []*resourceDecl
	calls     []*callDecl
	varByName map[string]*varDecl
	localBy   map[string]*localDecl
	resByKey  map[string]*resourceDecl // "T.N" or "data.T.N"
	callBy    map[string]*callDecl
	fnCalls   []fnCall
	// diags are structural errors (a resource block without its name label...).
	diags hcl.Diagnostics
}

type fnCall struct {
	name string
	rng  hcl.Range
}

type varDecl struct {
	name     string
	def      hcl.Expression
	ty       cty.Type
	defaults *typeexpr.Defaults
	nullable bool
}

type localDecl struct {
	name  string
	expr  hcl.Expression
	travs []hcl.Traversal
	file  *File
}

type outputDecl struct {
	name  string
	expr  hcl.Expression
	travs []hcl.Traversal
}

type resourceDecl struct {
	mode       model.Mode
	typ, name  string
	key        string // node key: "T.N" or "data.T.N"
	file       *File
	syn        *hclsyntax.Body // native body, nil for JSON
	jsonAttrs  hcl.Attributes  // JSON body attributes
	count      hcl.Expression
	forEach    hcl.Expression
	declRange  hcl.Range
	bodyRange  hcl.Range
	travs      []hcl.Traversal
	countRange hcl.Range
}

type callDecl struct {
	name        string
	source      string
	count       hcl.Expression
	forEach     hcl.Expression
	inputs      []*hcl.Attribute
	declRange   hcl.Range
	file        *File
	travs       []hcl.Traversal
	sourceIsLit bool
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
}}

var varSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "default"}, {Name: "type"}, {Name: "nullable"}, {Name: "sensitive"}, {Name: "description"}, {Name: "ephemeral"},
}}

// callMeta are module block arguments that are not inputs.
var callMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

func newModuleConfig(dir string, files []*File) *moduleConfig {
	return &moduleConfig{
		dir: dir, files: files,
		varByName: map[string]*varDecl{}, localBy: map[string]*localDecl{},
		resByKey: map[string]*resourceDecl{}, callBy: map[string]*callDecl{},
	}
}

// decodeModule decodes the files of one directory.
func decodeModule(dir string, files []*File) *moduleConfig {
	return decodeModuleCached(dir, files, nil)
}

// decodeModuleCached decodes the files of one directory, each file once for as
// long as the cache holds it (an edit of one file of a large directory decodes
// that file, then merges the others' declarations as they were). Declarations are
// merged in file order, the first of a name winning, as in one pass.
func decodeModuleCached(dir string, files []*File, cache *Cache) *moduleConfig {
	m := newModuleConfig(dir, files)
	for _, f := range files {
		p := cache.fileDecls(f)
		m.diags = append(m.diags, p.diags...)
		for _, v := range p.vars {
			if m.varByName[v.name] == nil {
				m.vars = append(m.vars, v)
				m.varByName[v.name] = v
			}
		}
		for _, ld := range p.locals {
			if m.localBy[ld.name] == nil {
				m.locals = append(m.locals, ld)
				m.localBy[ld.name] = ld
			}
		}
		m.outputs = append(m.outputs, p.outputs...)
		for _, rd := range p.resources {
			if prev := m.resByKey[rd.key]; prev != nil {
				m.duplicate(rd.key, prev.declRange, rd.declRange)
				continue
			}
			m.resources = append(m.resources, rd)
			m.resByKey[rd.key] = rd
		}
		for _, c := range p.calls {
			if prev := m.callBy[c.name]; prev != nil {
				m.duplicate("module."+c.name, prev.declRange, c.declRange)
				continue
			}
			m.calls = append(m.calls, c)
			m.callBy[c.name] = c
		}
		m.fnCalls = append(m.fnCalls, p.fnCalls...)
	}
	return m
}

// decodeFile decodes the declarations of one file, as a module of its own.
func decodeFile(f *File) *moduleConfig {
	m := newModuleConfig(path.Dir(f.Path), []*File{f})
	content, _, diags := f.Body.PartialContent(topSchema)
	m.diags = append(m.diags, diags...)
	m.unsupportedBlocks(f)
	if content == nil {
		return m
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			m.decodeVar(b)
		case "locals":
			attrs, _ := b.Body.JustAttributes()
			for _, a := range sortedAttrs(attrs) {
				if m.localBy[a.Name] != nil {
					continue
				}
				ld := &localDecl{name: a.Name, expr: a.Expr, travs: a.Expr.Variables(), file: f}
				m.scanFuncs(a.Expr)
				m.locals = append(m.locals, ld)
				m.localBy[a.Name] = ld
			}
		case "output":
			attrs, _ := b.Body.JustAttributes()
			if a := attrs["value"]; a != nil {
				m.scanFuncs(a.Expr)
				m.outputs = append(m.outputs, &outputDecl{name: b.Labels[0], expr: a.Expr, travs: a.Expr.Variables()})
			}
		case "resource", "data":
			m.decodeResource(f, b)
		case "module":
			m.decodeCall(f, b)
		}
	}
	return m
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Range.Filename != out[j].Range.Filename {
			return out[i].Range.Filename < out[j].Range.Filename
		}
		return out[i].Range.Start.Byte < out[j].Range.Start.Byte
	})
	return out
}

func (m *moduleConfig) decodeVar(b *hcl.Block) {
	name := b.Labels[0]
	if m.varByName[name] != nil {
		return
	}
	v := &varDecl{name: name, ty: cty.DynamicPseudoType, nullable: true}
	content, _, _ := b.Body.PartialContent(varSchema)
	if content != nil {
		if a := content.Attributes["default"]; a != nil {
			v.def = a.Expr
		}
		if a := content.Attributes["type"]; a != nil {
			if ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr); !diags.HasErrors() {
				v.ty, v.defaults = ty, defs
			}
		}
		if a := content.Attributes["nullable"]; a != nil {
			if nv, diags := a.Expr.Value(nil); !diags.HasErrors() && nv.Type() == cty.Bool && nv.IsKnown() && !nv.IsNull() {
				v.nullable = nv.True()
			}
		}
	}
	m.vars = append(m.vars, v)
	m.varByName[name] = v
}

func (m *moduleConfig) decodeResource(f *File, b *hcl.Block) {
	rd := &resourceDecl{typ: b.Labels[0], name: b.Labels[1], file: f, declRange: b.DefRange, bodyRange: b.DefRange}
	rd.key = rd.typ + "." + rd.name
	if b.Type == "data" {
		rd.mode = model.Data
		rd.key = "data." + rd.key
	}
	if prev := m.resByKey[rd.key]; prev != nil {
		m.duplicate(rd.key, prev.declRange, b.DefRange)
		return
	}
	if syn, ok := b.Body.(*hclsyntax.Body); ok {
		rd.syn = syn
		rd.bodyRange = hcl.RangeBetween(b.DefRange, syn.SrcRange)
		if a := syn.Attributes["count"]; a != nil {
			rd.count = a.Expr
		}
		if a := syn.Attributes["for_each"]; a != nil {
			rd.forEach = a.Expr
		}
		walkSynBody(syn, func(e hclsyntax.Expression) {
			rd.travs = append(rd.travs, e.Variables()...)
			m.scanFuncs(e)
		})
	} else {
		attrs, _ := b.Body.JustAttributes()
		rd.jsonAttrs = attrs
		if a := attrs["count"]; a != nil {
			rd.count = a.Expr
		}
		if a := attrs["for_each"]; a != nil {
			rd.forEach = a.Expr
		}
		for _, a := range attrs {
			rd.travs = append(rd.travs, a.Expr.Variables()...)
		}
	}
	m.resources = append(m.resources, rd)
	m.resByKey[rd.key] = rd
}

func (m *moduleConfig) decodeCall(f *File, b *hcl.Block) {
	name := b.Labels[0]
	if prev := m.callBy[name]; prev != nil {
		m.duplicate("module."+name, prev.declRange, b.DefRange)
		return
	}
	c := &callDecl{name: name, declRange: b.DefRange, file: f}
	attrs, _ := b.Body.JustAttributes()
	for _, a := range sortedAttrs(attrs) {
		c.travs = append(c.travs, a.Expr.Variables()...)
		m.scanFuncs(a.Expr)
		switch a.Name {
		case "source":
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				c.source, c.sourceIsLit = v.AsString(), true
			}
		case "count":
			c.count = a.Expr
		case "for_each":
			c.forEach = a.Expr
		default:
			if !callMeta[a.Name] {
				c.inputs = append(c.inputs, a)
			}
		}
	}
	m.calls = append(m.calls, c)
	m.callBy[name] = c
}

// localSource resolves a local module source ("./x", "../x") against the module's
// directory; ok is false for registry and remote sources.
func localSource(dir, source string) (string, bool) {
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		return "", false
	}
	return path.Clean(path.Join(dir, source)), true
}

// scanFuncs records every function call so that unknown functions can be stubbed.
func (m *moduleConfig) scanFuncs(e hcl.Expression) {
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		return
	}
	hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		if fc, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			m.fnCalls = append(m.fnCalls, fnCall{name: fc.Name, rng: fc.NameRange})
		}
		return nil
	})
}

// walkSynBody calls fn for every attribute expression in body, nested blocks included.
func walkSynBody(body *hclsyntax.Body, fn func(hclsyntax.Expression)) {
	for _, a := range body.Attributes {
		fn(a.Expr)
	}
	for _, b := range body.Blocks {
		walkSynBody(b.Body, fn)
	}
}

// diagCode is the model.Diagnostic code of a declaration error, carried in
// hcl.Diagnostic.Extra (errors without one are syntax errors).
type diagCode string

// duplicate records a second declaration of the same name; the first one is used.
func (m *moduleConfig) duplicate(what string, first, again hcl.Range) {
	rng := again
	m.diags = append(m.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + what,
		Detail:   "Already declared at " + first.String() + "; this declaration is ignored.",
		Subject:  &rng,
		Extra:    diagCode("duplicate-declaration"),
	})
}

// topBlocks are the block types Terraform accepts at the top level of a module.
var topBlocks = map[string]bool{
	"terraform": true, "provider": true, "variable": true, "locals": true, "output": true, "module": true,
	"resource": true, "data": true, "moved": true, "import": true, "check": true, "removed": true, "ephemeral": true,
}

// unsupportedBlocks reports top-level blocks Terraform rejects, such as a
// misspelt `resouce`: silently skipping one would hide its resource from every rule.
func (m *moduleConfig) unsupportedBlocks(f *File) {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, b := range body.Blocks {
		if topBlocks[b.Type] {
			continue
		}
		rng := b.TypeRange
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Unsupported block type %q", b.Type),
			Detail:   "Terraform accepts terraform, provider, variable, locals, output, module, resource, data, moved, import, check, removed and ephemeral blocks here; this block is ignored, and so is anything it declares.",
			Subject:  &rng,
			Extra:    diagCode("unsupported-block"),
		})
	}
}
