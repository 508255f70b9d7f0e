package analysis

import (
	"context"
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
	res.Diagnostics = append(res.Diagnostics, gres.Diagnostics...)
	// Graph findings come with the model's decisions applied; resource findings get
	// them here (a control on a component mitigates its resources' threats too).
	res.Diagnostics = append(res.Diagnostics, graph.ApplyDecisions(res.Graph, res.Findings, now)...)
	for _, f := range gres.Findings {
		if _, dup := res.byID[f.ID]; dup {
			continue
		}
		res.byID[f.ID] = f
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
	if res.Graph == nil || res.gcat == nil {
		return "", nil, false
	}
	fx, ok := graph.FixFor(res.Graph, res.gcat, f)
	if !ok {
		return "", nil, false
	}
	return fx.Title, []Edit{{File: fx.File, Start: fx.Pos.Byte, End: fx.Pos.Byte, NewText: fx.Text}}, true
}
