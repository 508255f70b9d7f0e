package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/google/cel-go/cel"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

//go:embed catalog
var builtinFS embed.FS

// ruleIDPattern is the shape of every rule ID: upper-case words joined by dashes.
var ruleIDPattern = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)+$`)

var (
	fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "rule", LabelNames: []string{"id"}}}}
	ruleSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "title", Required: true},
			{Name: "severity", Required: true},
			{Name: "stride"},
			{Name: "cwe"},
			{Name: "compliance"},
			{Name: "likelihood", Required: true},
			{Name: "impact", Required: true},
			{Name: "resource", Required: true},
			{Name: "applies"},
			{Name: "condition", Required: true},
			{Name: "location"},
			{Name: "message"},
			{Name: "remediation"},
			{Name: "description"},
		},
		Blocks: []hcl.BlockHeaderSchema{{Type: "equivalents"}, {Type: "fix"}},
	}
	equivalentsSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "tfsec"}, {Name: "trivy"}, {Name: "checkov"}}}
	fixSchema         = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "title", Required: true}, {Name: "applies"}, {Name: "target"}, {Name: "add_resource"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "set"}},
	}
	setSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "path", Required: true}, {Name: "value"}, {Name: "expr"}}}
)

// strideNames are the STRIDE categories a rule may name.
var strideNames = map[string]bool{
	"spoofing": true, "tampering": true, "repudiation": true, "information-disclosure": true,
	"denial-of-service": true, "elevation-of-privilege": true,
}

var cwePattern = regexp.MustCompile(`^CWE-[0-9]+$`)

// LoadBuiltin compiles the catalogue embedded from rules/catalog/*.hcl. Malformed
// rules are left out and reported as diagnostics (file names "builtin:catalog/…");
// the error is for a catalogue that cannot be read at all.
func LoadBuiltin() (*Catalog, []model.Diagnostic, error) {
	env, err := newEnv()
	if err != nil {
		return nil, nil, err
	}
	var names []string
	err = fs.WalkDir(builtinFS, "catalog", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".hcl") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading the embedded catalogue: %w", err)
	}
	sort.Strings(names)
	// Files compile in parallel (the environment is safe for concurrent use); results
	// are gathered in file order so the outcome does not depend on scheduling.
	type parsed struct {
		rules []*Rule
		diags []model.Diagnostic
		err   error
	}
	results := make([]parsed, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(names)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				src, err := builtinFS.ReadFile(names[i])
				if err != nil {
					results[i].err = fmt.Errorf("reading the embedded rule file %s: %w", names[i], err)
					continue
				}
				results[i].rules, results[i].diags = parseFile(env, "builtin:"+names[i], src)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	var all []*Rule
	var diags []model.Diagnostic
	for _, r := range results {
		if r.err != nil {
			return nil, nil, r.err
		}
		all = append(all, r.rules...)
		diags = append(diags, r.diags...)
	}
	kept, ds := rejectDuplicates(all)
	diags = append(diags, ds...)
	c, ds := NewCatalog(kept)
	return c, append(diags, ds...), nil
}

// LoadDir compiles a rule pack: every *.hcl file under dir, in lexical order, except
// in directories named "fixtures" or starting with a dot. A rule whose ID an earlier
// file of the pack already defines is rejected with a diagnostic.
func LoadDir(dir string) ([]*Rule, []model.Diagnostic) {
	env, err := newEnv()
	if err != nil {
		return nil, []model.Diagnostic{{Severity: model.SeverityHigh, File: dir, Summary: "Cannot build the rule environment", Detail: err.Error(), Code: "rule-file"}}
	}
	var files []string
	var diags []model.Diagnostic
	werr := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags = append(diags, model.Diagnostic{Severity: model.SeverityHigh, File: p, Summary: "Cannot read the rule pack", Detail: err.Error(), Code: "rule-file"})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && (d.Name() == "fixtures" || strings.HasPrefix(d.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".hcl") {
			files = append(files, p)
		}
		return nil
	})
	if werr != nil {
		diags = append(diags, model.Diagnostic{Severity: model.SeverityHigh, File: dir, Summary: "Cannot read the rule pack", Detail: werr.Error(), Code: "rule-file"})
	}
	sort.Strings(files)
	var all []*Rule
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			diags = append(diags, model.Diagnostic{Severity: model.SeverityHigh, File: f, Summary: "Cannot read the rule file", Detail: err.Error(), Code: "rule-file"})
			continue
		}
		rs, ds := parseFile(env, filepath.ToSlash(f), src)
		all = append(all, rs...)
		diags = append(diags, ds...)
	}
	kept, ds := rejectDuplicates(all)
	return kept, append(diags, ds...)
}

func rejectDuplicates(rs []*Rule) ([]*Rule, []model.Diagnostic) {
	seen := map[string]*Rule{}
	var kept []*Rule
	var diags []model.Diagnostic
	for _, r := range rs {
		if prev, dup := seen[r.Meta.ID]; dup {
			diags = append(diags, model.Diagnostic{
				Severity: model.SeverityHigh, File: r.File, Range: r.Range, Code: "rule-file",
				Summary: fmt.Sprintf("Duplicate rule ID %s", r.Meta.ID),
				Detail:  fmt.Sprintf("%s is already defined at %s; this rule is ignored.", r.Meta.ID, prev.Meta.Source),
			})
			continue
		}
		seen[r.Meta.ID] = r
		kept = append(kept, r)
	}
	return kept, diags
}

// ParseFile compiles the rules of one rule file. name is used in diagnostics and in
// each rule's Meta.Source. A malformed rule is left out with diagnostics that locate
// the problem in the file (inside CEL expressions too); the other rules still load.
func ParseFile(name string, src []byte) ([]*Rule, []model.Diagnostic) {
	env, err := newEnv()
	if err != nil {
		return nil, []model.Diagnostic{{Severity: model.SeverityHigh, File: name, Summary: "Cannot build the rule environment", Detail: err.Error(), Code: "rule-file"}}
	}
	return parseFile(env, name, src)
}

// ruleParser collects the diagnostics of one rule file.
type ruleParser struct {
	env   *cel.Env
	name  string
	src   []byte
	diags []model.Diagnostic
}

func (p *ruleParser) errorf(rng hcl.Range, summary, format string, args ...any) {
	p.diags = append(p.diags, model.Diagnostic{
		Severity: model.SeverityHigh, File: p.name, Range: rng, Code: "rule-file",
		Summary: summary, Detail: fmt.Sprintf(format, args...),
	})
}

func (p *ruleParser) addHCL(ds hcl.Diagnostics) {
	for _, d := range ds {
		sev := model.SeverityHigh
		if d.Severity == hcl.DiagWarning {
			sev = model.SeverityMedium
		}
		md := model.Diagnostic{Severity: sev, File: p.name, Summary: d.Summary, Detail: d.Detail, Code: "rule-file"}
		if d.Subject != nil {
			md.Range = *d.Subject
			md.Range.Filename = p.name
		}
		p.diags = append(p.diags, md)
	}
}

func parseFile(env *cel.Env, name string, src []byte) ([]*Rule, []model.Diagnostic) {
	p := &ruleParser{env: env, name: name, src: src}
	f, ds := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	p.addHCL(ds)
	if f == nil {
		return nil, p.diags
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, p.diags
	}
	content, ds := body.Content(fileSchema)
	p.addHCL(ds)
	var syntaxErrs []hcl.Range
	for _, d := range ds {
		if d.Subject != nil {
			syntaxErrs = append(syntaxErrs, *d.Subject)
		}
	}
	for _, d := range p.diags {
		syntaxErrs = append(syntaxErrs, d.Range)
	}
	var out []*Rule
	seen := map[string]bool{}
	for _, blk := range content.Blocks {
		before := len(p.diags)
		r := p.parseRule(blk)
		if r == nil || len(p.diags) > before {
			continue
		}
		if broken(blk.Body.(*hclsyntax.Body).SrcRange, syntaxErrs) {
			continue // the syntax error is already reported; a partial rule could misjudge
		}
		if seen[r.Meta.ID] {
			p.errorf(blk.LabelRanges[0], "Duplicate rule ID", "%s is defined twice in this file; the second definition is ignored.", r.Meta.ID)
			continue
		}
		seen[r.Meta.ID] = true
		out = append(out, r)
	}
	return out, p.diags
}

func broken(rng hcl.Range, errs []hcl.Range) bool {
	for _, e := range errs {
		if e.Start.Byte >= rng.Start.Byte && e.Start.Byte < rng.End.Byte && (e.Start.Byte != 0 || e.End.Byte != 0) {
			return true
		}
	}
	return false
}

func (p *ruleParser) parseRule(blk *hcl.Block) *Rule {
	if len(blk.Labels) != 1 {
		p.errorf(blk.DefRange, "Missing rule ID", "A rule block has one label, its ID: rule \"TM-AWS-S3-VERSIONING\" { … }.")
		return nil
	}
	id := blk.Labels[0]
	r := &Rule{
		File:  p.name,
		Range: blk.DefRange,
		types: map[string]bool{},
	}
	r.Meta.ID = id
	r.Meta.Source = fmt.Sprintf("%s:%d", p.name, blk.DefRange.Start.Line)
	if !ruleIDPattern.MatchString(id) {
		p.errorf(blk.LabelRanges[0], "Invalid rule ID", "%q must be upper-case words joined by dashes, such as TM-AWS-S3-VERSIONING.", id)
	}
	content, ds := blk.Body.Content(ruleSchema)
	p.addHCL(ds)
	attrs := content.Attributes

	r.Meta.Title = p.str(attrs["title"], true)
	if a := attrs["severity"]; a != nil {
		s := p.str(a, true)
		if sev, ok := model.ParseSeverity(s); ok {
			r.Meta.Severity = sev
		} else if s != "" {
			p.errorf(a.Expr.Range(), "Invalid severity", "%q is not one of info, low, medium, high, critical.", s)
		}
	}
	r.Meta.Stride = p.strList(attrs["stride"])
	for _, s := range r.Meta.Stride {
		if !strideNames[s] {
			p.errorf(attrs["stride"].Expr.Range(), "Invalid STRIDE category", "%q is not one of spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege.", s)
		}
	}
	r.Meta.CWE = p.strList(attrs["cwe"])
	for _, s := range r.Meta.CWE {
		if !cwePattern.MatchString(s) {
			p.errorf(attrs["cwe"].Expr.Range(), "Invalid CWE", "%q is not of the form CWE-123.", s)
		}
	}
	r.Meta.Compliance = p.strList(attrs["compliance"])
	for _, s := range r.Meta.Compliance {
		if fw, req, ok := strings.Cut(s, ":"); !ok || fw == "" || req == "" {
			p.errorf(attrs["compliance"].Expr.Range(), "Invalid compliance mapping", "%q is not of the form framework:requirement, such as pci-dss-4.0:1.3.1.", s)
		}
	}
	r.Meta.Likelihood = p.scale(attrs["likelihood"])
	r.Meta.Impact = p.scale(attrs["impact"])
	r.Meta.Resources = p.strList(attrs["resource"])
	if a := attrs["resource"]; a != nil && len(r.Meta.Resources) == 0 {
		p.errorf(a.Expr.Range(), "No resource type", "resource must name at least one Terraform resource type.")
	}
	for _, t := range r.Meta.Resources {
		if t == "" {
			p.errorf(attrs["resource"].Expr.Range(), "Empty resource type", "resource types must not be empty.")
		}
		r.types[t] = true
	}
	if len(r.Meta.Resources) > 0 {
		r.Meta.Provider = providerOf(r.Meta.Resources[0])
	}
	r.applies = p.cel(attrs["applies"])
	r.condition = p.cel(attrs["condition"])
	r.Location = p.str(attrs["location"], false)
	r.Message = p.str(attrs["message"], false)
	if r.Message == "" {
		r.Message = r.Meta.Title
	}
	r.Meta.Remediation = p.str(attrs["remediation"], false)
	r.Meta.Description = p.str(attrs["description"], false)

	var sawEquivalents bool
	for _, b := range content.Blocks {
		switch b.Type {
		case "equivalents":
			if sawEquivalents {
				p.errorf(b.DefRange, "Duplicate equivalents block", "A rule has at most one equivalents block.")
			}
			sawEquivalents = true
			ec, ds := b.Body.Content(equivalentsSchema)
			p.addHCL(ds)
			r.Meta.Equivalents = model.Equivalents{
				Tfsec:   p.strList(ec.Attributes["tfsec"]),
				Trivy:   p.strList(ec.Attributes["trivy"]),
				Checkov: p.strList(ec.Attributes["checkov"]),
			}
		case "fix":
			if fx := p.parseFix(b); fx != nil {
				r.fixes = append(r.fixes, fx)
			}
		}
	}
	r.Meta.HasFix = len(r.fixes) > 0
	return r
}

func providerOf(typ string) string {
	switch {
	case strings.HasPrefix(typ, "aws_"):
		return "aws"
	case strings.HasPrefix(typ, "azurerm_"), strings.HasPrefix(typ, "azuread_"), strings.HasPrefix(typ, "azapi_"):
		return "azure"
	case strings.HasPrefix(typ, "google_"):
		return "google"
	}
	return ""
}

func (p *ruleParser) parseFix(b *hcl.Block) *fix {
	content, ds := b.Body.Content(fixSchema)
	p.addHCL(ds)
	fx := &fix{title: p.str(content.Attributes["title"], true)}
	fx.applies = p.cel(content.Attributes["applies"])
	fx.target = p.str(content.Attributes["target"], false)
	if a := content.Attributes["add_resource"]; a != nil {
		fx.addResource = a.Expr
		p.checkTemplate(a, true)
	}
	for _, sb := range content.Blocks {
		sc, ds := sb.Body.Content(setSchema)
		p.addHCL(ds)
		op := setOp{}
		if a := sc.Attributes["path"]; a != nil {
			path := p.str(a, true)
			op.path = splitPath(path)
			for _, seg := range op.path {
				if seg == "" {
					p.errorf(a.Expr.Range(), "Invalid path", "%q has an empty segment.", path)
					break
				}
			}
		}
		va, ea := sc.Attributes["value"], sc.Attributes["expr"]
		switch {
		case va != nil && ea != nil:
			p.errorf(sb.DefRange, "Both value and expr", "A set block has either a literal value or an expr template, not both.")
		case va == nil && ea == nil:
			p.errorf(sb.DefRange, "Missing value", "A set block needs a value (a literal) or an expr (an HCL expression template).")
		case va != nil:
			v, ds := va.Expr.Value(nil)
			p.addHCL(ds)
			if !ds.HasErrors() {
				if !v.IsWhollyKnown() || v.IsNull() {
					p.errorf(va.Expr.Range(), "Invalid value", "value must be a known, non-null literal.")
				}
				op.value = v
			}
		default:
			op.expr = ea.Expr
			p.checkTemplate(ea, false)
		}
		fx.sets = append(fx.sets, op)
	}
	if fx.target != "" && len(fx.sets) == 0 {
		p.errorf(b.DefRange, "Target without set", "target names the related resource that set blocks change; this fix has no set block.")
	}
	if len(fx.sets) == 0 && fx.addResource == nil {
		p.errorf(b.DefRange, "Empty fix", "A fix needs at least one set block or an add_resource template.")
	}
	return fx
}

// checkTemplate renders a template with sample variables so that mistakes show when
// the rule loads rather than when the fix is applied.
func (p *ruleParser) checkTemplate(a *hcl.Attribute, isResource bool) {
	vars := templateVars("aws_example", "example", "aws_example.example", "aws_example.example")
	s, ds := renderTemplate(a.Expr, vars)
	if ds.HasErrors() {
		p.addHCL(ds)
		return
	}
	if isResource {
		_, pds := hclsyntax.ParseConfig([]byte(s), a.Name, hcl.InitialPos)
		if pds.HasErrors() {
			p.errorf(a.Expr.Range(), "Invalid add_resource template", "The rendered template is not valid HCL: %s", pds.Error())
		}
		return
	}
	if _, pds := hclsyntax.ParseExpression([]byte(s), a.Name, hcl.InitialPos); pds.HasErrors() {
		p.errorf(a.Expr.Range(), "Invalid expr template", "The rendered template is not an HCL expression: %s", pds.Error())
	}
}

// templateVars are the variables of fix templates.
func templateVars(typ, name, self, address string) map[string]cty.Value {
	return map[string]cty.Value{
		"type":    cty.StringVal(typ),
		"name":    cty.StringVal(name),
		"self":    cty.StringVal(self),
		"address": cty.StringVal(address),
	}
}

// renderTemplate evaluates a fix template: the attribute's expression with the
// template variables in scope, then, since `$${…}` in a rule file leaves `${…}` in the
// string, the resulting text once more as a template. Both `${name}` and `$${name}`
// therefore work in rule files.
func renderTemplate(expr hcl.Expression, vars map[string]cty.Value) (string, hcl.Diagnostics) {
	ctx := &hcl.EvalContext{Variables: vars}
	v, ds := expr.Value(ctx)
	if ds.HasErrors() {
		return "", ds
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		rng := expr.Range()
		return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid template", Detail: "The template must be a string.", Subject: &rng}}
	}
	s := v.AsString()
	if !strings.Contains(s, "${") && !strings.Contains(s, "%{") {
		return s, nil
	}
	t, ds := hclsyntax.ParseTemplate([]byte(s), "template", hcl.InitialPos)
	if ds.HasErrors() {
		return "", relocate(ds, expr.Range())
	}
	v, ds = t.Value(ctx)
	if ds.HasErrors() {
		return "", relocate(ds, expr.Range())
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		rng := expr.Range()
		return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid template", Detail: "The template must render to a string.", Subject: &rng}}
	}
	return v.AsString(), nil
}

// relocate points diagnostics about rendered text at the template attribute.
func relocate(ds hcl.Diagnostics, rng hcl.Range) hcl.Diagnostics {
	out := make(hcl.Diagnostics, len(ds))
	for i, d := range ds {
		cp := *d
		cp.Subject = &rng
		out[i] = &cp
	}
	return out
}

// str reads a string attribute (nil: ""), reporting non-strings.
func (p *ruleParser) str(a *hcl.Attribute, required bool) string {
	if a == nil {
		return ""
	}
	v, ds := a.Expr.Value(nil)
	p.addHCL(ds)
	if ds.HasErrors() {
		return ""
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a string.", a.Name)
		return ""
	}
	s := v.AsString()
	if required && strings.TrimSpace(s) == "" {
		p.errorf(a.Expr.Range(), "Empty "+a.Name, "%s must not be empty.", a.Name)
	}
	return s
}

// strList reads a string or a list of strings.
func (p *ruleParser) strList(a *hcl.Attribute) []string {
	if a == nil {
		return nil
	}
	v, ds := a.Expr.Value(nil)
	p.addHCL(ds)
	if ds.HasErrors() {
		return nil
	}
	if v.Type() == cty.String && !v.IsNull() {
		return []string{v.AsString()}
	}
	lv, err := convert.Convert(v, cty.List(cty.String))
	if err != nil || lv.IsNull() || !lv.IsWhollyKnown() {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a string or a list of strings.", a.Name)
		return nil
	}
	var out []string
	for _, e := range lv.AsValueSlice() {
		if e.IsNull() {
			p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must not contain null.", a.Name)
			continue
		}
		out = append(out, e.AsString())
	}
	return out
}

// scale reads likelihood or impact: a whole number from 1 to 5.
func (p *ruleParser) scale(a *hcl.Attribute) int {
	if a == nil {
		return 0
	}
	v, ds := a.Expr.Value(nil)
	p.addHCL(ds)
	if ds.HasErrors() {
		return 0
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.Number {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a number from 1 to 5.", a.Name)
		return 0
	}
	bf := v.AsBigFloat()
	n, acc := bf.Int64()
	if !bf.IsInt() || acc != 0 || n < 1 || n > 5 {
		p.errorf(a.Expr.Range(), "Invalid "+a.Name, "%s must be a whole number from 1 to 5, not %s.", a.Name, bf.Text('g', 10))
		return 0
	}
	return int(n)
}

// cel compiles a CEL attribute, locating errors inside the string literal.
func (p *ruleParser) cel(a *hcl.Attribute) *program {
	if a == nil {
		return nil
	}
	src := p.str(a, true)
	if src == "" {
		return nil
	}
	prg, errs := compileProgram(p.env, src)
	for _, e := range errs {
		rng := a.Expr.Range()
		if e.Offset >= 0 {
			start := literalPos(a.Expr, p.src, e.Offset)
			rng = hcl.Range{Filename: p.name, Start: start, End: advancePos(p.src, start)}
		}
		rng.Filename = p.name
		p.errorf(rng, "Invalid CEL in "+a.Name, "%s", e.Message)
	}
	if prg == nil {
		return nil
	}
	return &program{src: src, prg: prg}
}

// literalPos maps a byte offset inside the decoded value of a string literal (quoted
// or heredoc) to its position in the rule file, stepping over escapes and the
// indentation a flush heredoc strips.
func literalPos(expr hcl.Expression, src []byte, off int) hcl.Pos {
	tmpl, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok {
		return expr.Range().Start
	}
	acc := 0
	var last *hclsyntax.LiteralValueExpr
	for _, part := range tmpl.Parts {
		lit, ok := part.(*hclsyntax.LiteralValueExpr)
		if !ok || lit.Val.IsNull() || !lit.Val.IsKnown() || lit.Val.Type() != cty.String {
			continue
		}
		s := lit.Val.AsString()
		if off < acc+len(s) {
			return alignPos(src, lit.SrcRange, s, off-acc)
		}
		acc += len(s)
		last = lit
	}
	if last != nil {
		s := last.Val.AsString()
		return alignPos(src, last.SrcRange, s, len(s))
	}
	return expr.Range().Start
}

func alignPos(src []byte, rng hcl.Range, dec string, target int) hcl.Pos {
	i, j := rng.Start.Byte, 0
	end := min(rng.End.Byte, len(src))
	for j < target && i < end {
		c := src[i]
		switch {
		case c == '\\' && i+1 < end:
			switch src[i+1] {
			case 'u':
				i += 6
			case 'U':
				i += 10
			default:
				i += 2
			}
			_, size := utf8.DecodeRuneInString(dec[j:])
			j += size
		case c == dec[j]:
			i++
			j++
		default:
			i++
		}
	}
	// Skip bytes the decoded text does not have (indentation, a doubled `$`).
	for i < end && j < len(dec) && src[i] != dec[j] && src[i] != '\\' {
		i++
	}
	return posAt(src, i)
}

// posAt computes the hcl.Pos of a byte offset (columns count characters).
func posAt(src []byte, off int) hcl.Pos {
	off = max(0, min(off, len(src)))
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return hcl.Pos{Line: line, Column: utf8.RuneCount(src[lineStart:off]) + 1, Byte: off}
}

// advancePos is the position one character after p (p itself at the end of a line).
func advancePos(src []byte, p hcl.Pos) hcl.Pos {
	if p.Byte >= len(src) || src[p.Byte] == '\n' || src[p.Byte] == '\r' {
		return p
	}
	_, size := utf8.DecodeRune(src[p.Byte:])
	return hcl.Pos{Line: p.Line, Column: p.Column + 1, Byte: p.Byte + size}
}
