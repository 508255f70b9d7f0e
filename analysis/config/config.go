// Package config reads `.tm-ls.hcl`, the optional workspace configuration: rules to
// disable, severity overrides, extra rule packs, frameworks of interest, excluded
// paths and the CI failure threshold. Every mistake in it is reported with its file
// and line, and a broken config never stops an analysis: the valid parts still apply.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// FileName is the name of the config file looked for at the workspace root.
const FileName = ".tm-ls.hcl"

// Config is the parsed configuration. The zero value means "no config": every
// built-in rule on, default severities.
type Config struct {
	// Disable lists rule IDs that are switched off.
	Disable []string
	// Severity overrides rule severities by rule ID.
	Severity map[string]model.Severity
	// RuleDirs are extra rule-pack directories, absolute (resolved against the
	// config file's directory).
	RuleDirs []string
	// Frameworks of interest ("pci-dss-4.0", "dora"); empty means all.
	Frameworks []string
	// Exclude are slash-separated globs relative to the root that are not analysed.
	Exclude []string
	// FailOn is the CI failure threshold; nil when not set.
	FailOn *model.Severity
	// Baseline is a saved `tm-ls check --format json` result, relative to the root.
	Baseline string
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)+$`)

var rootSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "frameworks"},
		{Name: "exclude"},
		{Name: "fail_on"},
		{Name: "baseline"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "rules"}},
}

var rulesSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "disable"},
		{Name: "severity"},
		{Name: "paths"},
	},
}

// Load reads FileName from root. A missing file is not an error: it returns an empty
// Config and no diagnostics. Problems in the file come back as diagnostics (Code
// "config") beside whatever could be read.
func Load(root string) (*Config, []model.Diagnostic) {
	path := filepath.Join(root, FileName)
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return &Config{}, nil
		}
		return &Config{}, []model.Diagnostic{{
			Severity: model.SeverityHigh, File: FileName, Code: "config",
			Summary: fmt.Sprintf("cannot read %s: %v", FileName, err),
		}}
	}
	return Parse(FileName, src, root)
}

// Parse reads config source. name is used in diagnostics; dir resolves relative
// rule-pack paths.
func Parse(name string, src []byte, dir string) (*Config, []model.Diagnostic) {
	cfg := &Config{}
	p := &parser{name: name}
	file, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	p.add(diags)
	if file == nil {
		return cfg, p.out
	}
	content, diags := file.Body.Content(rootSchema)
	p.add(diags)
	if content == nil {
		return cfg, p.out
	}
	if a, ok := content.Attributes["frameworks"]; ok {
		cfg.Frameworks = p.strings(a)
	}
	if a, ok := content.Attributes["exclude"]; ok {
		cfg.Exclude = p.strings(a)
	}
	if a, ok := content.Attributes["baseline"]; ok {
		cfg.Baseline = p.str(a)
	}
	if a, ok := content.Attributes["fail_on"]; ok {
		if s := p.str(a); s != "" {
			if sev, ok := model.ParseSeverity(s); ok {
				cfg.FailOn = &sev
			} else {
				p.errorf(a.Expr.Range(), "fail_on must be one of info, low, medium, high, critical; got %q", s)
			}
		}
	}
	for i, b := range content.Blocks {
		if i > 0 {
			p.errorf(b.DefRange, "only one rules block is allowed; merge this one into the first")
			continue
		}
		p.rules(b, cfg, dir)
	}
	return cfg, p.out
}

type parser struct {
	name string
	out  []model.Diagnostic
}

func (p *parser) add(diags hcl.Diagnostics) {
	for _, d := range diags {
		md := model.Diagnostic{Severity: model.SeverityHigh, File: p.name, Code: "config", Summary: d.Summary, Detail: d.Detail}
		if d.Severity == hcl.DiagWarning {
			md.Severity = model.SeverityMedium
		}
		if d.Subject != nil {
			md.Range = *d.Subject
		}
		p.out = append(p.out, md)
	}
}

func (p *parser) errorf(rng hcl.Range, format string, args ...any) {
	p.out = append(p.out, model.Diagnostic{
		Severity: model.SeverityHigh, File: p.name, Range: rng, Code: "config",
		Summary: fmt.Sprintf(format, args...),
	})
}

func (p *parser) value(a *hcl.Attribute) cty.Value {
	v, diags := a.Expr.Value(nil)
	p.add(diags)
	if diags.HasErrors() {
		return cty.NilVal
	}
	if !v.IsWhollyKnown() {
		p.errorf(a.Expr.Range(), "%s must be a literal value", a.Name)
		return cty.NilVal
	}
	return v
}

func (p *parser) str(a *hcl.Attribute) string {
	v := p.value(a)
	if v == cty.NilVal || v.IsNull() {
		return ""
	}
	if v.Type() != cty.String {
		p.errorf(a.Expr.Range(), "%s must be a string", a.Name)
		return ""
	}
	return v.AsString()
}

func (p *parser) strings(a *hcl.Attribute) []string {
	v := p.value(a)
	if v == cty.NilVal || v.IsNull() {
		return nil
	}
	t := v.Type()
	if !t.IsListType() && !t.IsTupleType() && !t.IsSetType() {
		p.errorf(a.Expr.Range(), "%s must be a list of strings", a.Name)
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || e.Type() != cty.String {
			p.errorf(a.Expr.Range(), "%s must be a list of strings", a.Name)
			return nil
		}
		out = append(out, e.AsString())
	}
	return out
}

func (p *parser) rules(b *hcl.Block, cfg *Config, dir string) {
	content, diags := b.Body.Content(rulesSchema)
	p.add(diags)
	if content == nil {
		return
	}
	if a, ok := content.Attributes["disable"]; ok {
		for _, id := range p.strings(a) {
			if !ruleIDPattern.MatchString(id) {
				p.errorf(a.Expr.Range(), "%q is not a rule ID (expected something like TM-AWS-S3-VERSIONING)", id)
				continue
			}
			cfg.Disable = append(cfg.Disable, id)
		}
	}
	if a, ok := content.Attributes["paths"]; ok {
		for _, d := range p.strings(a) {
			if !filepath.IsAbs(d) {
				d = filepath.Join(dir, d)
			}
			cfg.RuleDirs = append(cfg.RuleDirs, filepath.Clean(d))
		}
	}
	if a, ok := content.Attributes["severity"]; ok {
		p.severities(a, cfg)
	}
}

// severities reads `severity = { "RULE-ID" = "low" }`, locating each mistake on
// its own item when the map is written literally.
func (p *parser) severities(a *hcl.Attribute, cfg *Config) {
	obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		p.errorf(a.Expr.Range(), "severity must be a map of rule ID to severity, written literally")
		return
	}
	cfg.Severity = map[string]model.Severity{}
	for _, item := range obj.Items {
		kv, diags := item.KeyExpr.Value(nil)
		p.add(diags)
		vv, vdiags := item.ValueExpr.Value(nil)
		p.add(vdiags)
		if diags.HasErrors() || vdiags.HasErrors() {
			continue
		}
		if kv.IsNull() || !kv.IsKnown() || kv.Type() != cty.String {
			p.errorf(item.KeyExpr.Range(), "severity keys must be rule IDs")
			continue
		}
		id := kv.AsString()
		if !ruleIDPattern.MatchString(id) {
			p.errorf(item.KeyExpr.Range(), "%q is not a rule ID (expected something like TM-AWS-S3-VERSIONING)", id)
			continue
		}
		if vv.IsNull() || !vv.IsKnown() || vv.Type() != cty.String {
			p.errorf(item.ValueExpr.Range(), "severity of %s must be a string", id)
			continue
		}
		sev, ok := model.ParseSeverity(vv.AsString())
		if !ok {
			p.errorf(item.ValueExpr.Range(), "severity of %s must be one of info, low, medium, high, critical; got %q", id, vv.AsString())
			continue
		}
		cfg.Severity[id] = sev
	}
}
