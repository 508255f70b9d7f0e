package analysis

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/tm-ls/tm-ls/analysis/config"
	"github.com/tm-ls/tm-ls/analysis/graph"
	"github.com/tm-ls/tm-ls/analysis/model"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

// threatModel runs the architecture stage on the loaded workspace: the *.tm.hcl
// files and the graph inferred from the Terraform, graph rules and attack paths,
// drift, and the model's controls and acceptances applied to every finding.
func (a *Analyzer) threatModel(ctx context.Context, res *Result, opts Options, cfg *config.Config, now time.Time) {
	gcat := a.graphCatalog(cfg)
	res.gcat = gcat
	var inferred *graph.Inferred
	if opts.Previous != nil && opts.Previous.ws == res.ws {
		inferred = opts.Previous.inferred
	}
	gres, inf := graph.Analyze(ctx, res.ws, res.Root, gcat, graph.Options{Overlays: opts.Overlays, Inferred: inferred, Cache: a.graphCache, Now: now})
	res.inferred = inf
	res.Graph, res.DSL = gres.Graph, gres.DSL
	if gres.DSL != nil {
		for rel, f := range gres.DSL.Files {
			if _, ok := res.Files[rel]; !ok {
				res.Files[rel] = f.Bytes
			}
		}
	}
	res.graphDiags = append(res.graphDiags, gres.Diagnostics...)
	res.Diagnostics = append(res.Diagnostics, gres.Diagnostics...)
	// Graph findings come with the model's decisions applied; resource findings get
	// them here (a control on a component mitigates its resources' threats too).
	if len(res.Graph.Controls)+len(res.Graph.Acceptances) > 0 {
		res.Diagnostics = append(res.Diagnostics, graph.ApplyDecisions(res.Graph, res.undecidedFindings(), now)...)
	}
	seen := map[string]bool{}
	covered := coveredThreats(res)
	for _, f := range gres.Findings {
		if seen[f.ID] || covered(f) {
			continue
		}
		seen[f.ID] = true
		res.graphFindings = append(res.graphFindings, f)
		res.Findings = append(res.Findings, f)
	}
	for _, r := range gcat.Rules() {
		m := r.Meta
		if m.Provider == "" {
			m.Provider = "graph"
		}
		res.Rules = append(res.Rules, &m)
	}
	res.AttackPaths = graph.AttackPaths(res.Graph)
}

// graphCatalog is the built-in graph catalogue under the config's disables and
// severity overrides, one value per configuration (the graph cache keys on it).
func (a *Analyzer) graphCatalog(cfg *config.Config) *graphrules.Catalog {
	key := "graph\n" + catalogKey(cfg, nil)
	if c, ok := a.catalogs.Load(key); ok {
		return c.(*graphrules.Catalog)
	}
	c, _ := a.catalogs.LoadOrStore(key, a.graphBuiltin.Configure(cfg.Disable, cfg.Severity))
	return c.(*graphrules.Catalog)
}

// graphFix turns a graph finding's fix (a resource to add) into an edit.
func (res *Result) graphFix(f *model.Finding) (string, []Edit, bool) {
	if res.Graph == nil || res.gcat == nil || res.Partial {
		return "", nil, false
	}
	fx, ok := graph.FixFor(res.Graph, res.gcat, f)
	if !ok {
		return "", nil, false
	}
	return fx.Title, []Edit{{File: fx.File, Start: fx.Pos.Byte, End: fx.Pos.Byte, NewText: fx.Text}}, true
}

// reuseThreatModel copies the previous analysis's threat-model stage into res (the
// fast path of Options.QuickGraph) and applies the model's decisions to the fresh
// resource findings.
func (a *Analyzer) reuseThreatModel(res *Result, prev *Result, now time.Time) {
	res.Partial = true
	res.gcat, res.inferred = prev.gcat, nil
	res.Graph, res.DSL, res.AttackPaths = prev.Graph, prev.DSL, prev.AttackPaths
	res.Diagnostics = append(res.Diagnostics, graph.ApplyDecisions(res.Graph, res.undecidedFindings(), now)...)
	changed := map[string]bool{}
	for rel, b := range res.Files {
		if old, ok := prev.Files[rel]; !ok || string(old) != string(b) {
			changed[rel] = true
		}
	}
	for rel := range prev.Files {
		if _, ok := res.Files[rel]; !ok && !strings.HasSuffix(rel, ".tm.hcl") {
			changed[rel] = true
		}
	}
	for _, pf := range prev.graphFindings {
		// A graph finding located in a file that changed would point at stale
		// positions: it waits for the full analysis.
		stale := changed[pf.File]
		for _, r := range pf.Related {
			stale = stale || changed[r.File]
		}
		if stale {
			continue
		}
		f := pf
		if f.Fixable {
			cp := *pf
			cp.Fixable = false // its fix would be computed on the previous graph
			f = &cp
		}
		res.graphFindings = append(res.graphFindings, f)
		res.Findings = append(res.Findings, f)
	}
	res.graphDiags = prev.graphDiags
	res.Diagnostics = append(res.Diagnostics, prev.graphDiags...)
	for rel, b := range prev.Files {
		if strings.HasSuffix(rel, ".tm.hcl") {
			res.Files[rel] = b
		}
	}
	seen := map[string]bool{}
	for _, m := range res.Rules {
		seen[m.ID] = true
	}
	for _, m := range prev.Rules {
		if !seen[m.ID] && m.Provider == "graph" {
			res.Rules = append(res.Rules, m)
		}
	}
}

// coveredThreats returns a test for threat-model findings that a resource rule
// already reports (RuleMeta.CoveredBy): a finding of one of those rules, whatever
// its status (a suppressed one was judged already), on a resource the finding's
// element stands for (the element itself when inferred from Terraform, or the
// resources a declared component claims).
func coveredThreats(res *Result) func(*model.Finding) bool {
	open := map[string]bool{} // rule ID + "@" + root:address
	for root, m := range res.perRes {
		for r, o := range m {
			for _, f := range o.findings {
				open[f.RuleID+"@"+qualifiedAddress(root, r.Address)] = true
			}
		}
	}
	claims := map[string][]string{} // element address → qualified resource addresses
	if res.Graph != nil {
		for _, c := range res.Graph.Components {
			for _, t := range c.Terraform {
				claims[c.Address] = append(claims[c.Address], qualifiedAddress(c.Root, t))
			}
		}
	}
	return func(f *model.Finding) bool {
		if f.Rule == nil || len(f.Rule.CoveredBy) == 0 {
			return false
		}
		targets := append([]string{f.Resource}, claims[f.Resource]...)
		for _, id := range f.Rule.CoveredBy {
			for _, t := range targets {
				if open[id+"@"+t] {
					return true
				}
			}
		}
		return false
	}
}

func qualifiedAddress(root, addr string) string {
	if root == "" || root == "." {
		return addr
	}
	return root + ":" + addr
}

// undecidedFindings are the resource findings the decision stages may write to:
// those this analysis owns, not those shared with the previous result.
func (res *Result) undecidedFindings() []*model.Finding {
	out := make([]*model.Finding, 0, len(res.owned))
	for _, f := range res.Findings {
		if res.owned[f] {
			out = append(out, f)
		}
	}
	return out
}

// quickGraph reports whether the analysis takes its threat-model stage from the
// previous one (Options.QuickGraph, when no threat-model file changed).
func quickGraph(opts Options) bool {
	return opts.QuickGraph && opts.Previous != nil && opts.Previous.Graph != nil && !dslChanged(opts.Previous, opts.Overlays)
}

// dslChanged reports whether an overlay holds a threat-model file whose text
// differs from what prev analysed: then the graph must be rebuilt.
func dslChanged(prev *Result, overlays map[string][]byte) bool {
	for abs, b := range overlays {
		if !strings.HasSuffix(abs, ".tm.hcl") {
			continue
		}
		rel, err := filepath.Rel(prev.Root, abs)
		if err != nil {
			return true
		}
		if old, ok := prev.Files[filepath.ToSlash(rel)]; !ok || string(old) != string(b) {
			return true
		}
	}
	return false
}
