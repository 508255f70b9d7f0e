// Package rules is the rule engine of tm-ls: it reads rule files (HCL blocks whose
// conditions are CEL expressions), compiles each condition once, evaluates the rules on
// evaluated Terraform resources (unknown values make a rule undecided rather than
// open), and computes quick fixes as minimal text edits of the Terraform source.
//
// The file format, the CEL environment and the helper functions are described in the
// "Rules" section of docs/design.md.
package rules

import (
	"fmt"
	"sort"

	"github.com/google/cel-go/cel"
	"github.com/hashicorp/hcl/v2"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// Rule is one compiled rule: its metadata for display, where its diagnostic goes, and
// (unexported) its compiled CEL programs and fixes. A Rule is immutable once loaded
// and safe to share between goroutines.
type Rule struct {
	Meta model.RuleMeta
	// Location is the attribute path the diagnostic points at ("metadata_options.http_tokens");
	// the nearest existing ancestor is used, else the block header. Empty: the header.
	Location string
	// Message is the one-line diagnostic text; the title when the rule gives none.
	Message string
	// File and Range locate the rule block in its rule file.
	File  string
	Range hcl.Range

	types     map[string]bool
	applies   *program
	condition *program
	fixes     []*fix
}

// program is one compiled CEL expression with its source text.
type program struct {
	src string
	prg cel.Program
}

// fix is one `fix` block of a rule.
type fix struct {
	title       string
	applies     *program
	target      string
	sets        []setOp
	addResource hcl.Expression
}

// setOp is one `set` block: a path and either a literal value or an expression
// template (HCL source text produced at fix time).
type setOp struct {
	path  []string
	value cty.Value
	expr  hcl.Expression
}

// HasFix reports whether the rule defines at least one fix.
func (ru *Rule) HasFix() bool { return len(ru.fixes) > 0 }

// AppliesTo reports whether the rule is evaluated on resources of this type.
func (ru *Rule) AppliesTo(typ string) bool { return ru.types[typ] }

// Condition returns the rule's CEL condition as written.
func (ru *Rule) Condition() string {
	if ru.condition == nil {
		return ""
	}
	return ru.condition.src
}

// Catalog is an immutable set of rules sorted by ID. Methods that change it return a
// new Catalog. A Catalog is safe to share between goroutines; evaluation state lives
// in an Evaluator.
type Catalog struct {
	rules  []*Rule
	byID   map[string]*Rule
	byType map[string][]*Rule
}

// NewCatalog builds a catalogue from rules. When two rules share an ID the later one
// is kept and a warning diagnostic points at it.
func NewCatalog(rs []*Rule) (*Catalog, []model.Diagnostic) {
	var diags []model.Diagnostic
	byID := map[string]*Rule{}
	for _, r := range rs {
		if r == nil {
			continue
		}
		if prev, dup := byID[r.Meta.ID]; dup {
			diags = append(diags, model.Diagnostic{
				Severity: model.SeverityMedium,
				File:     r.File,
				Range:    r.Range,
				Summary:  fmt.Sprintf("Rule %s replaces an earlier rule with the same ID", r.Meta.ID),
				Detail:   fmt.Sprintf("The rule defined at %s is replaced by this one.", prev.Meta.Source),
				Code:     "rule-file",
			})
		}
		byID[r.Meta.ID] = r
	}
	return newCatalog(byID), diags
}

func newCatalog(byID map[string]*Rule) *Catalog {
	c := &Catalog{byID: byID, byType: map[string][]*Rule{}}
	for _, r := range byID {
		c.rules = append(c.rules, r)
	}
	sort.Slice(c.rules, func(i, j int) bool { return c.rules[i].Meta.ID < c.rules[j].Meta.ID })
	for _, r := range c.rules {
		for _, t := range r.Meta.Resources {
			c.byType[t] = append(c.byType[t], r)
		}
	}
	return c
}

// Rules returns the rules sorted by ID. The slice must not be modified.
func (c *Catalog) Rules() []*Rule {
	if c == nil {
		return nil
	}
	return c.rules
}

// Rule returns the rule with this ID, or nil.
func (c *Catalog) Rule(id string) *Rule {
	if c == nil {
		return nil
	}
	return c.byID[id]
}

// RulesFor returns the rules evaluated on resources of this type, sorted by ID.
func (c *Catalog) RulesFor(typ string) []*Rule {
	if c == nil {
		return nil
	}
	return c.byType[typ]
}

// With returns a catalogue holding c's rules and extra. A rule of extra whose ID is
// already in c replaces it (so an organisation's pack can override a built-in rule),
// and a warning diagnostic points at the replacing rule. c is not modified.
func (c *Catalog) With(extra []*Rule) (*Catalog, []model.Diagnostic) {
	all := append(append([]*Rule(nil), c.Rules()...), extra...)
	return NewCatalog(all)
}

// Configure returns a catalogue without the disabled rules and with the given severity
// overrides applied. IDs that name no rule are ignored (the config loader reports
// them). c is not modified: overridden rules are copies.
func (c *Catalog) Configure(disable []string, severity map[string]model.Severity) *Catalog {
	off := map[string]bool{}
	for _, id := range disable {
		off[id] = true
	}
	byID := map[string]*Rule{}
	for _, r := range c.Rules() {
		if off[r.Meta.ID] {
			continue
		}
		if s, ok := severity[r.Meta.ID]; ok && s != r.Meta.Severity {
			cp := *r
			cp.Meta.Severity = s
			r = &cp
		}
		byID[r.Meta.ID] = r
	}
	return newCatalog(byID)
}

// Index answers related(): the resources of a type linked to a resource. The analysis
// passes its workspace (terraform.Workspace.Related).
type Index interface {
	Related(r *model.Resource, typ string) []*model.Resource
}

// Outcome is what one rule concluded about one resource.
type Outcome int

const (
	// NotApplicable: the rule's `applies` expression is false.
	NotApplicable Outcome = iota
	// Pass: the condition is false, the threat is absent.
	Pass
	// Open: the condition is true, the threat is present.
	Open
	// Undecided: a value the rule needs is unknown.
	Undecided
	// Failed: the rule could not be evaluated (a runtime error, the cost limit, a
	// cancelled context). Reported as a rule error, never as a finding.
	Failed
)

var outcomeNames = [...]string{"not-applicable", "pass", "open", "undecided", "failed"}

// String returns the outcome's lower-case name.
func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomeNames) {
		return "unknown"
	}
	return outcomeNames[o]
}

// Result is the outcome of one rule on one resource.
type Result struct {
	Rule     *Rule
	Resource *model.Resource
	Outcome  Outcome
	// Reason says, for Undecided, which values were unknown
	// ("metadata_options.0.http_tokens is unknown"), and for Failed, the error.
	Reason string
	// Related lists the resources related() returned while the rule was evaluated,
	// in the order first returned, for the finding's related information.
	Related []*model.Resource
}
