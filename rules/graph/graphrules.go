// Package graphrules is the engine of graph rules: rules in the same HCL format as
// resource rules, but whose `target` is an element of the threat-model graph (a
// "flow", a "component" or an attack "path") and whose CEL condition reads that
// element's facts. The analysis (analysis/graph) turns each element into a map of
// facts; this package parses the rules, compiles each condition once and evaluates it.
//
// CEL variables: `e` is the element; for a flow `from` and `to` are its endpoints
// (empty maps otherwise). Facts the configuration does not decide are absent from
// the maps, so a condition guards them with has(): an unknown fact never raises a
// threat. The facts are listed in docs/design.md ("Graph rules").
package graphrules

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/rules/graphcatalog"
)

// Targets are the graph elements a rule may apply to.
var Targets = []string{"flow", "component", "path"}

const costLimit = 1_000_000

// Rule is one compiled graph rule.
type Rule struct {
	Meta   model.RuleMeta
	Target string
	// Location names the component fact whose evidence locates the finding
	// ("encrypted_at_rest"); empty means the element's own location.
	Location string
	// Message is a template: {e.name}, {from.name}, {to.name} are replaced by facts.
	Message   string
	Condition string
	// FixTitle and AddResource describe the recommended fix: an HCL template
	// (`$${name}`, `$${self}` as in resource rules) inserted as a new resource.
	FixTitle    string
	AddResource string

	prg cel.Program
}

// Catalog is a set of graph rules by ID.
type Catalog struct {
	rules []*Rule
}

// Rules returns the rules sorted by ID.
func (c *Catalog) Rules() []*Rule {
	if c == nil {
		return nil
	}
	return c.rules
}

// Rule returns the rule with this ID, or nil.
func (c *Catalog) Rule(id string) *Rule {
	for _, r := range c.Rules() {
		if r.Meta.ID == id {
			return r
		}
	}
	return nil
}

// Configure returns a catalog without the disabled rule IDs and with severities
// overridden (config `rules.disable` and `rules.severity`); c is not changed.
func (c *Catalog) Configure(disable []string, severity map[string]model.Severity) *Catalog {
	out := &Catalog{}
	for _, r := range c.Rules() {
		if contains(disable, r.Meta.ID) {
			continue
		}
		if sev, ok := severity[r.Meta.ID]; ok {
			cp := *r
			cp.Meta.Severity = sev
			r = &cp
		}
		out.rules = append(out.rules, r)
	}
	return out
}

// With returns a catalog with extra rules (a rule pack) added; an ID already in c
// is a diagnostic and the built-in rule stays.
func (c *Catalog) With(extra []*Rule) (*Catalog, []model.Diagnostic) {
	return NewCatalog(append(append([]*Rule{}, c.Rules()...), extra...))
}

// NewCatalog builds a catalog; a duplicate ID is a diagnostic and the first wins.
func NewCatalog(rs []*Rule) (*Catalog, []model.Diagnostic) {
	var diags []model.Diagnostic
	seen := map[string]bool{}
	c := &Catalog{}
	for _, r := range rs {
		if seen[r.Meta.ID] {
			diags = append(diags, model.Diagnostic{Severity: model.SeverityHigh, File: r.Meta.Source, Code: "rule-file", Summary: fmt.Sprintf("duplicate graph rule %s", r.Meta.ID)})
			continue
		}
		seen[r.Meta.ID] = true
		c.rules = append(c.rules, r)
	}
	sort.Slice(c.rules, func(i, j int) bool { return c.rules[i].Meta.ID < c.rules[j].Meta.ID })
	return c, diags
}

// Builtin compiles the embedded catalogue (rules/graphcatalog/*.hcl).
func Builtin() (*Catalog, []model.Diagnostic) {
	env, err := newEnv()
	if err != nil {
		return &Catalog{}, []model.Diagnostic{{Severity: model.SeverityHigh, Code: "internal", Summary: err.Error()}}
	}
	var all []*Rule
	var diags []model.Diagnostic
	for _, name := range graphcatalog.Files() {
		b, err := graphcatalog.FS.ReadFile(name)
		if err != nil {
			diags = append(diags, model.Diagnostic{Severity: model.SeverityHigh, File: "builtin:" + name, Code: "rule-file", Summary: err.Error()})
			continue
		}
		rs, ds := parse(env, "builtin:"+name, b)
		all = append(all, rs...)
		diags = append(diags, ds...)
	}
	c, ds := NewCatalog(all)
	return c, append(diags, ds...)
}

// Parse reads and compiles the graph rules of one file (a rule pack). Rules that do
// not compile are left out with a diagnostic at their exact range.
func Parse(filename string, src []byte) ([]*Rule, []model.Diagnostic) {
	env, err := newEnv()
	if err != nil {
		return nil, []model.Diagnostic{{Severity: model.SeverityHigh, Code: "internal", Summary: err.Error()}}
	}
	return parse(env, filename, src)
}

func newEnv() (*cel.Env, error) {
	env, err := cel.NewEnv(
		cel.Variable("e", cel.MapType(cel.StringType, cel.DynType)),
		cel.Variable("from", cel.MapType(cel.StringType, cel.DynType)),
		cel.Variable("to", cel.MapType(cel.StringType, cel.DynType)),
		cel.CrossTypeNumericComparisons(true),
	)
	if err != nil {
		return nil, fmt.Errorf("graph rules: building the CEL environment: %w", err)
	}
	return env, nil
}

type ruleFile struct {
	Rules []*ruleBlock `hcl:"rule,block"`
}

type ruleBlock struct {
	ID          string    `hcl:"id,label"`
	Title       string    `hcl:"title"`
	Severity    string    `hcl:"severity"`
	Stride      []string  `hcl:"stride,optional"`
	CWE         []string  `hcl:"cwe,optional"`
	Compliance  []string  `hcl:"compliance,optional"`
	Likelihood  int       `hcl:"likelihood"`
	Impact      int       `hcl:"impact"`
	Target      string    `hcl:"target"`
	Condition   string    `hcl:"condition"`
	Location    string    `hcl:"location,optional"`
	Message     string    `hcl:"message,optional"`
	Remediation string    `hcl:"remediation,optional"`
	Description string    `hcl:"description,optional"`
	CoveredBy   []string  `hcl:"covered_by,optional"`
	Fix         *fixBlock `hcl:"fix,block"`
}

type fixBlock struct {
	Title       string `hcl:"title"`
	AddResource string `hcl:"add_resource,optional"`
}

func parse(env *cel.Env, filename string, src []byte) ([]*Rule, []model.Diagnostic) {
	var diags []model.Diagnostic
	bad := func(rng hcl.Range, summary, detail string) {
		diags = append(diags, model.Diagnostic{Severity: model.SeverityHigh, File: filename, Range: rng, Code: "rule-file", Summary: summary, Detail: detail})
	}
	f, syn := hclsyntax.ParseConfig(src, filename, hcl.Pos{Line: 1, Column: 1})
	for _, d := range syn {
		rng := hcl.Range{Filename: filename}
		if d.Subject != nil {
			rng = *d.Subject
		}
		bad(rng, d.Summary, d.Detail)
	}
	if syn.HasErrors() {
		return nil, diags
	}
	var out []*Rule
	body := f.Body.(*hclsyntax.Body)
	for _, blk := range body.Blocks {
		if blk.Type != "rule" || len(blk.Labels) != 1 {
			bad(blk.TypeRange, fmt.Sprintf("unexpected block %q", blk.Type), `A graph rule file holds rule "ID" { ... } blocks.`)
			continue
		}
		var rb ruleBlock
		if ds := gohcl.DecodeBody(stripEquivalents(blk.Body), nil, &rb); ds.HasErrors() {
			for _, d := range ds {
				rng := blk.TypeRange
				if d.Subject != nil {
					rng = *d.Subject
				}
				bad(rng, d.Summary, d.Detail)
			}
			continue
		}
		rb.ID = blk.Labels[0]
		rng := hcl.RangeBetween(blk.TypeRange, blk.LabelRanges[0])
		sev, ok := model.ParseSeverity(rb.Severity)
		if !ok {
			bad(attrRange(blk, "severity"), fmt.Sprintf("rule %s: unknown severity %q", rb.ID, rb.Severity), "Use info, low, medium, high or critical.")
			continue
		}
		if !contains(Targets, rb.Target) {
			bad(attrRange(blk, "target"), fmt.Sprintf("rule %s: target %q is not one of %s", rb.ID, rb.Target, strings.Join(Targets, ", ")), "")
			continue
		}
		if rb.Likelihood < 1 || rb.Likelihood > 5 || rb.Impact < 1 || rb.Impact > 5 {
			bad(rng, fmt.Sprintf("rule %s: likelihood and impact must be 1..5", rb.ID), "")
			continue
		}
		ast, iss := env.Compile(rb.Condition)
		if iss != nil && iss.Err() != nil {
			bad(attrRange(blk, "condition"), fmt.Sprintf("rule %s: condition does not compile", rb.ID), iss.Err().Error())
			continue
		}
		if ast.OutputType() != cel.BoolType && ast.OutputType() != cel.DynType {
			bad(attrRange(blk, "condition"), fmt.Sprintf("rule %s: condition must be a boolean", rb.ID), "")
			continue
		}
		prg, err := env.Program(ast, cel.CostLimit(costLimit), cel.InterruptCheckFrequency(100))
		if err != nil {
			bad(attrRange(blk, "condition"), fmt.Sprintf("rule %s: condition does not compile", rb.ID), err.Error())
			continue
		}
		r := &Rule{
			Meta: model.RuleMeta{
				ID: rb.ID, Title: rb.Title, Severity: sev, Stride: rb.Stride, CWE: rb.CWE, Compliance: rb.Compliance,
				Likelihood: rb.Likelihood, Impact: rb.Impact, Description: strings.TrimSpace(rb.Description), Remediation: rb.Remediation,
				Source: fmt.Sprintf("%s:%d", filename, rng.Start.Line), CoveredBy: rb.CoveredBy,
			},
			Target: rb.Target, Location: rb.Location, Message: rb.Message, Condition: rb.Condition, prg: prg,
		}
		if r.Message == "" {
			r.Message = rb.Title
		}
		if rb.Fix != nil {
			r.FixTitle, r.AddResource = rb.Fix.Title, rb.Fix.AddResource
			r.Meta.HasFix = rb.Fix.AddResource != ""
		}
		out = append(out, r)
	}
	return out, diags
}

// stripEquivalents hides the `equivalents` block (meaningful for resource rules
// only) from the decoder.
func stripEquivalents(b *hclsyntax.Body) *hclsyntax.Body {
	nb := *b
	nb.Blocks = nil
	for _, x := range b.Blocks {
		if x.Type != "equivalents" {
			nb.Blocks = append(nb.Blocks, x)
		}
	}
	return &nb
}

func attrRange(b *hclsyntax.Block, name string) hcl.Range {
	if a := b.Body.Attributes[name]; a != nil {
		return a.Expr.Range()
	}
	return hcl.RangeBetween(b.TypeRange, b.LabelRanges[len(b.LabelRanges)-1])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Eval runs the rule's condition on an element: true means the threat is open. A
// runtime error (a missing fact read without has(), the cost limit, a cancelled
// context) is returned as an error, never as a finding.
func (r *Rule) Eval(ctx context.Context, e, from, to map[string]any) (bool, error) {
	if from == nil {
		from = map[string]any{}
	}
	if to == nil {
		to = map[string]any{}
	}
	out, _, err := r.prg.ContextEval(ctx, map[string]any{"e": e, "from": from, "to": to})
	if err != nil {
		return false, fmt.Errorf("rule %s: %w", r.Meta.ID, err)
	}
	if types.IsUnknownOrError(out) {
		return false, fmt.Errorf("rule %s: condition did not evaluate to a boolean", r.Meta.ID)
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("rule %s: condition returned %v, not a boolean", r.Meta.ID, out.Value())
	}
	return b, nil
}

var placeholder = regexp.MustCompile(`\{(e|from|to)\.([a-z_]+)\}`)

// Render fills the message template with facts of the element and its endpoints.
func (r *Rule) Render(e, from, to map[string]any) string {
	vars := map[string]map[string]any{"e": e, "from": from, "to": to}
	return placeholder.ReplaceAllStringFunc(r.Message, func(m string) string {
		p := placeholder.FindStringSubmatch(m)
		if v, ok := vars[p[1]][p[2]]; ok {
			switch v := v.(type) {
			case []string:
				return strings.Join(v, ", ")
			default:
				return fmt.Sprint(v)
			}
		}
		return "?"
	})
}
