package tmdsl

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// attrType is how an attribute's expression is read.
type attrType int

const (
	tString attrType = iota
	tBool
	tNumber
	tStrings
	tRef  // one reference
	tRefs // a list of references
)

// attrSpec is one attribute of a declaration kind.
type attrSpec struct {
	typ attrType
	// targets are the declaration kinds a reference may name; "terraform" allows
	// Terraform addresses, "any" any declaration or Terraform address.
	targets []string
	// enum lists the allowed values of a string.
	enum []string
	// required attributes must be present.
	required bool
}

// Schemas is the grammar of the language: for each block kind its attributes. It
// is read-only and exported so that the language server can offer completions.
var Schemas = map[string]map[string]attrSpec{
	KindModel: {
		"owner":       {typ: tString},
		"frameworks":  {typ: tStrings},
		"description": {typ: tString},
	},
	KindData: {
		"classification": {typ: tString, enum: Classifications, required: true},
		"description":    {typ: tString},
	},
	KindBoundary: {
		"trust":       {typ: tString, enum: Trusts, required: true},
		"terraform":   {typ: tRefs, targets: []string{RefKindTerraform}},
		"parent":      {typ: tRef, targets: []string{KindBoundary}},
		"description": {typ: tString},
	},
	KindActor: {
		"boundary":    {typ: tRef, targets: []string{KindBoundary}},
		"description": {typ: tString},
	},
	KindComponent: {
		"kind":        {typ: tString, required: true},
		"boundary":    {typ: tRef, targets: []string{KindBoundary}},
		"terraform":   {typ: tRefs, targets: []string{RefKindTerraform}},
		"stores":      {typ: tRefs, targets: []string{KindData}},
		"processes":   {typ: tRefs, targets: []string{KindData}},
		"description": {typ: tString},
	},
	KindFlow: {
		"from":          {typ: tRef, targets: []string{KindActor, KindComponent}, required: true},
		"to":            {typ: tRef, targets: []string{KindActor, KindComponent}, required: true},
		"protocol":      {typ: tString},
		"port":          {typ: tNumber},
		"data":          {typ: tRefs, targets: []string{KindData}},
		"authenticated": {typ: tBool},
		"encrypted":     {typ: tBool},
		"description":   {typ: tString},
	},
	KindControl: {
		"mitigates":     {typ: tStrings, required: true},
		"on":            {typ: tRefs, targets: []string{KindComponent, KindFlow, KindActor, KindBoundary, RefKindTerraform}, required: true},
		"status":        {typ: tString, enum: []string{"planned", "implemented"}},
		"effectiveness": {typ: tNumber},
		"description":   {typ: tString},
	},
	KindAccept: {
		"on":     {typ: tRefs, targets: []string{KindComponent, KindFlow, KindActor, KindBoundary, RefKindTerraform}},
		"reason": {typ: tString, required: true},
		"owner":  {typ: tString, required: true},
		"until":  {typ: tString},
	},
}

// Classifications are the data classifications, least sensitive first.
var Classifications = []string{"public", "internal", "confidential", "restricted"}

// Trusts are the trust levels of boundaries, least trusted first.
var Trusts = []string{"untrusted", "semi-trusted", "trusted"}

// dslKinds are the traversal roots that name declarations.
var dslKinds = map[string]bool{KindData: true, KindBoundary: true, KindActor: true, KindComponent: true, KindFlow: true, KindControl: true}

// DateLayout is the layout of `until` dates.
const DateLayout = "2006-01-02"

func (l *loader) decode(f *File) {
	for _, b := range f.Body.Blocks {
		schema, ok := Schemas[b.Type]
		if !ok {
			l.diag(model.SeverityHigh, f.Path, b.TypeRange, "tm-dsl", fmt.Sprintf("unknown block type %q", b.Type),
				"A threat-model file holds model, data, boundary, actor, component, flow, control and accept blocks.")
			continue
		}
		if len(b.Labels) != 1 {
			l.diag(model.SeverityHigh, f.Path, b.TypeRange, "tm-dsl", fmt.Sprintf("%s block needs exactly one label", b.Type),
				fmt.Sprintf("Write %s \"name\" { ... }.", b.Type))
			continue
		}
		name := b.Labels[0]
		d := &Decl{
			Kind: b.Type, Name: name, Address: b.Type + "." + name, File: f.Path,
			Range: headerRange(b), LabelRange: b.LabelRanges[0], BodyRange: b.Range(), Imported: f.Imported,
			Str: map[string]string{}, Bool: map[string]bool{}, Num: map[string]float64{}, List: map[string][]string{},
			Refs: map[string][]Ref{}, AttrRng: map[string]hcl.Range{},
		}
		if b.Type != KindAccept && b.Type != KindModel && !ValidName(name) {
			l.diag(model.SeverityHigh, f.Path, b.LabelRanges[0], "tm-dsl", fmt.Sprintf("invalid name %q", name),
				"Names are identifiers: letters, digits, '_' and '-', starting with a letter, so that they can be referenced.")
			continue
		}
		l.decodeBody(f, d, b.Body, schema)
		l.add(d)
	}
}

func headerRange(b *hclsyntax.Block) hcl.Range {
	r := b.TypeRange
	if n := len(b.LabelRanges); n > 0 {
		r = hcl.RangeBetween(r, b.LabelRanges[n-1])
	}
	return r
}

// ValidName is the language's rule for the names of declarations that can be
// referenced: letters, digits, '_' and '-', starting with a letter.
func ValidName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

func (l *loader) add(d *Decl) {
	if d.Kind == KindAccept {
		base := d.Address
		for n := 2; l.ws.byAddr[d.Address] != nil; n++ {
			d.Address = fmt.Sprintf("%s#%d", base, n)
		}
	}
	if d.Kind == KindModel {
		if !d.Imported {
			if l.ws.Model != nil {
				l.diag(model.SeverityHigh, d.File, d.Range, "tm-dsl", "duplicate model block",
					fmt.Sprintf("The workspace's model is already declared at %s:%d.", l.ws.Model.File, l.ws.Model.Range.Start.Line))
				return
			}
			l.ws.Model = d
		}
		l.ws.Decls = append(l.ws.Decls, d)
		return
	}
	if prev := l.ws.byAddr[d.Address]; prev != nil {
		l.diag(model.SeverityHigh, d.File, d.LabelRange, "tm-dsl", fmt.Sprintf("duplicate %s %q", d.Kind, d.Name),
			fmt.Sprintf("%s is already declared at %s:%d.", d.Address, prev.File, prev.Range.Start.Line))
		return
	}
	l.ws.byAddr[d.Address] = d
	l.ws.Decls = append(l.ws.Decls, d)
}

func (l *loader) decodeBody(f *File, d *Decl, body *hclsyntax.Body, schema map[string]attrSpec) {
	for _, b := range body.Blocks {
		if d.Kind == KindModel && b.Type == "import" {
			l.decodeImport(f, d, b)
			continue
		}
		l.diag(model.SeverityHigh, f.Path, b.TypeRange, "tm-dsl", fmt.Sprintf("unexpected block %q in %s", b.Type, d.Kind), "")
	}
	names := make([]string, 0, len(body.Attributes))
	for n := range body.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := body.Attributes[n]
		spec, ok := schema[n]
		if !ok {
			l.diag(model.SeverityHigh, f.Path, a.NameRange, "tm-dsl", fmt.Sprintf("unknown attribute %q in %s", n, d.Kind),
				"Allowed: "+strings.Join(sortedKeys(schema), ", ")+".")
			continue
		}
		d.AttrRng[n] = a.Expr.Range()
		l.decodeAttr(f, d, n, a, spec)
	}
	for _, n := range sortedKeys(schema) {
		if schema[n].required && body.Attributes[n] == nil {
			l.diag(model.SeverityHigh, f.Path, d.Range, "tm-dsl", fmt.Sprintf("%s %q is missing %q", d.Kind, d.Name, n), "")
		}
	}
	if d.Kind == KindControl {
		if e, ok := d.Num["effectiveness"]; ok && (e < 0 || e > 1) {
			l.diag(model.SeverityHigh, f.Path, d.AttrRng["effectiveness"], "tm-dsl", "effectiveness must be between 0 and 1", "")
			delete(d.Num, "effectiveness")
		}
	}
	if u, ok := d.Str["until"]; ok {
		if _, err := time.Parse(DateLayout, u); err != nil {
			l.diag(model.SeverityHigh, f.Path, d.AttrRng["until"], "tm-dsl", fmt.Sprintf("until %q is not a date", u), "Write YYYY-MM-DD.")
			delete(d.Str, "until")
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (l *loader) decodeAttr(f *File, d *Decl, name string, a *hclsyntax.Attribute, spec attrSpec) {
	bad := func(want string) {
		l.diag(model.SeverityHigh, f.Path, a.Expr.Range(), "tm-dsl", fmt.Sprintf("%s must be %s", name, want), "")
	}
	switch spec.typ {
	case tRef:
		t, diags := hcl.AbsTraversalForExpr(a.Expr)
		if diags.HasErrors() {
			bad("a reference such as " + spec.targets[0] + ".name")
			return
		}
		d.Refs[name] = append(d.Refs[name], l.newRef(f, d, name, t))
		return
	case tRefs:
		exprs, diags := hcl.ExprList(a.Expr)
		if diags.HasErrors() {
			bad("a list of references")
			return
		}
		for _, e := range exprs {
			t, diags := hcl.AbsTraversalForExpr(e)
			if diags.HasErrors() {
				l.diag(model.SeverityHigh, f.Path, e.Range(), "tm-dsl", fmt.Sprintf("%s holds references, not values", name),
					"Write a reference such as component.api or aws_lb.api, without quotes.")
				continue
			}
			d.Refs[name] = append(d.Refs[name], l.newRef(f, d, name, t))
		}
		return
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		bad(map[attrType]string{tString: "a string", tBool: "true or false", tNumber: "a number", tStrings: "a list of strings"}[spec.typ])
		return
	}
	switch spec.typ {
	case tString:
		if v.Type() != cty.String {
			bad("a string")
			return
		}
		s := v.AsString()
		if len(spec.enum) > 0 && !contains(spec.enum, s) {
			l.diag(model.SeverityHigh, f.Path, a.Expr.Range(), "tm-dsl", fmt.Sprintf("%s %q is not one of %s", name, s, strings.Join(spec.enum, ", ")), "")
			return
		}
		d.Str[name] = s
	case tBool:
		if v.Type() != cty.Bool {
			bad("true or false")
			return
		}
		d.Bool[name] = v.True()
	case tNumber:
		if v.Type() != cty.Number {
			bad("a number")
			return
		}
		fv, _ := v.AsBigFloat().Float64()
		d.Num[name] = fv
	case tStrings:
		if !(v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
			bad("a list of strings")
			return
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.Type() != cty.String {
				bad("a list of strings")
				return
			}
			d.List[name] = append(d.List[name], e.AsString())
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// newRef turns a traversal into a reference: a declaration reference when its root
// is a DSL kind and it has exactly two steps, a Terraform address otherwise.
func (l *loader) newRef(f *File, d *Decl, attr string, t hcl.Traversal) Ref {
	r := Ref{Attr: attr, From: d.Address, File: f.Path, Range: t.SourceRange()}
	parts := traversalParts(t)
	if len(parts) == 2 && dslKinds[parts[0]] {
		r.Kind = parts[0]
		r.Address = parts[0] + "." + parts[1]
		return r
	}
	r.Kind = RefKindTerraform
	r.Address = terraformAddress(t)
	return r
}

func traversalParts(t hcl.Traversal) []string {
	var out []string
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			out = append(out, s.Name)
		case hcl.TraverseAttr:
			out = append(out, s.Name)
		default:
			out = append(out, "[]")
		}
	}
	return out
}

// terraformAddress writes a traversal as a Terraform address, index keys included:
// aws_subnet.public["a"], module.net.aws_vpc.main.
func terraformAddress(t hcl.Traversal) string {
	var sb strings.Builder
	for i, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			sb.WriteString(s.Name)
		case hcl.TraverseAttr:
			sb.WriteString(".")
			sb.WriteString(s.Name)
		case hcl.TraverseIndex:
			switch {
			case s.Key.Type() == cty.String:
				fmt.Fprintf(&sb, "[%q]", s.Key.AsString())
			case s.Key.Type() == cty.Number:
				fmt.Fprintf(&sb, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			}
		default:
			_ = i
		}
	}
	return sb.String()
}

func (l *loader) decodeImport(f *File, d *Decl, b *hclsyntax.Block) {
	if len(b.Labels) != 1 {
		l.diag(model.SeverityHigh, f.Path, b.TypeRange, "tm-dsl", "import block needs exactly one label", `Write import "name" { source = "../other" }.`)
		return
	}
	imp := Import{Name: b.Labels[0], File: f.Path, Range: headerRange(b)}
	a := b.Body.Attributes["source"]
	if a == nil {
		l.diag(model.SeverityHigh, f.Path, imp.Range, "tm-dsl", fmt.Sprintf("import %q is missing source", imp.Name), "")
		return
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		l.diag(model.SeverityHigh, f.Path, a.Expr.Range(), "tm-dsl", "import source must be a relative path string", "")
		return
	}
	src := v.AsString()
	if filepath.IsAbs(src) || !(strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")) {
		l.diag(model.SeverityHigh, f.Path, a.Expr.Range(), "tm-dsl", fmt.Sprintf("import source %q must be a relative path (./ or ../)", src), "")
		return
	}
	imp.Source = src
	imp.Dir = filepath.Clean(filepath.Join(filepath.Dir(f.Abs), filepath.FromSlash(src)))
	imp.Range = hcl.RangeBetween(imp.Range, a.Expr.Range())
	d.Imports = append(d.Imports, imp)
}

// followImports loads imported models (transitively) and reports import cycles.
func (l *loader) followImports() {
	l.loaded = map[string]bool{}
	// edges: directory → imports declared by models in that directory.
	var visit func(dir string, stack []string)
	state := map[string]int{} // 0 new, 1 on stack, 2 done
	visit = func(dir string, stack []string) {
		state[dir] = 1
		for _, imp := range l.importsOf(dir) {
			switch state[imp.Dir] {
			case 1:
				chain := append(append([]string{}, stack...), dir, imp.Dir)
				for i := range chain {
					chain[i] = l.rel(chain[i])
				}
				l.diag(model.SeverityHigh, imp.File, imp.Range, "import-cycle", fmt.Sprintf("import cycle: %s", strings.Join(chain, " → ")),
					"Models may import each other only without cycles; remove one of the imports.")
				continue
			case 2:
				continue
			}
			if !l.loaded[imp.Dir] && !within(l.ws.Root, imp.Dir) {
				l.loaded[imp.Dir] = true
				files := l.walkFlat(imp.Dir)
				if len(files) == 0 {
					l.diag(model.SeverityHigh, imp.File, imp.Range, "tm-dsl", fmt.Sprintf("import %q: no %s files in %s", imp.Name, Suffix, imp.Source), "")
				}
				for _, p := range files {
					l.loadFile(p, true)
				}
			} else if within(l.ws.Root, imp.Dir) && len(l.walkFlat(imp.Dir)) == 0 {
				l.diag(model.SeverityHigh, imp.File, imp.Range, "tm-dsl", fmt.Sprintf("import %q: no %s files in %s", imp.Name, Suffix, imp.Source), "")
			}
			visit(imp.Dir, append(stack, dir))
		}
		state[dir] = 2
	}
	dirs := map[string]bool{}
	for _, f := range l.ws.Files {
		if !f.Imported {
			dirs[filepath.Dir(f.Abs)] = true
		}
	}
	for _, dir := range sortedKeys(dirs) {
		if state[dir] == 0 {
			visit(dir, nil)
		}
	}
}

// importsOf lists the imports declared by model blocks of files directly in dir.
func (l *loader) importsOf(dir string) []Import {
	var out []Import
	for _, d := range l.ws.Decls {
		if d.Kind != KindModel {
			continue
		}
		if f := l.ws.Files[d.File]; f != nil && filepath.Dir(f.Abs) == dir {
			out = append(out, d.Imports...)
		}
	}
	return out
}

// walkFlat lists the *.tm.hcl files directly in dir (imports name directories).
func (l *loader) walkFlat(dir string) []string {
	var out []string
	entries, _ := filepath.Glob(filepath.Join(dir, "*"+Suffix))
	out = append(out, entries...)
	for p := range l.overlays {
		if filepath.Dir(p) == dir && strings.HasSuffix(p, Suffix) && !contains(out, p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// resolve checks every declaration reference: it must name a declaration of an
// allowed kind.
func (l *loader) resolve() {
	for _, d := range l.ws.Decls {
		schema := Schemas[d.Kind]
		for _, attr := range sortedKeys(d.Refs) {
			refs := d.Refs[attr]
			spec := schema[attr]
			for i := range refs {
				r := &refs[i]
				if r.Kind == RefKindTerraform {
					if !contains(spec.targets, RefKindTerraform) {
						l.diag(model.SeverityHigh, r.File, r.Range, "tm-dsl", fmt.Sprintf("%s must refer to %s, not a Terraform resource", attr, orList(spec.targets)), "")
					} else if !strings.Contains(r.Address, ".") {
						l.diag(model.SeverityHigh, r.File, r.Range, "tm-dsl", fmt.Sprintf("%q is not a Terraform address", r.Address), "Write TYPE.NAME, e.g. aws_lb.api.")
					}
					ref := *r
					l.ws.Refs = append(l.ws.Refs, &ref)
					continue
				}
				target := l.ws.byAddr[r.Address]
				switch {
				case target == nil:
					l.diag(model.SeverityHigh, r.File, r.Range, "unknown-reference", fmt.Sprintf("no %s named %q", r.Kind, strings.TrimPrefix(r.Address, r.Kind+".")), l.suggest(r))
				case !contains(spec.targets, r.Kind):
					l.diag(model.SeverityHigh, r.File, r.Range, "tm-dsl", fmt.Sprintf("%s must refer to %s, not a %s", attr, orList(spec.targets), r.Kind), "")
				default:
					r.Resolved = true
				}
				ref := *r
				l.ws.Refs = append(l.ws.Refs, &ref)
			}
		}
	}
}

func orList(kinds []string) string {
	if len(kinds) == 1 {
		return "a " + kinds[0]
	}
	return "a " + strings.Join(kinds[:len(kinds)-1], ", a ") + " or " + kinds[len(kinds)-1]
}

func (l *loader) suggest(r *Ref) string {
	var names []string
	for _, d := range l.ws.Decls {
		if d.Kind == r.Kind {
			names = append(names, d.Address)
		}
	}
	if len(names) == 0 {
		return fmt.Sprintf("No %s is declared.", r.Kind)
	}
	sort.Strings(names)
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	return "Declared: " + strings.Join(names, ", ") + "."
}
