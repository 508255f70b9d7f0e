package graph

import (
	"context"
	"time"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

// Result is the threat-model part of an analysis.
type Result struct {
	// DSL is the parsed threat-model files (for the language server's lookups).
	DSL   *tmdsl.Workspace
	Graph *model.Graph
	// Findings are the graph findings (rules, attack paths) with controls and
	// acceptances applied; Diagnostics the DSL problems, drift, rule errors and
	// expired acceptances, sorted by file and position.
	Findings    []*model.Finding
	Diagnostics []model.Diagnostic
}

// Options tunes Analyze. Everything is optional.
type Options struct {
	// Overlays are editor buffers of *.tm.hcl files keyed by absolute path.
	Overlays map[string][]byte
	// Inferred is the inference of ws from a previous analysis, reused when the
	// Terraform did not change (nil: infer now).
	Inferred *Inferred
	// Cache keeps component rule outcomes across analyses (nil: no cache).
	Cache *Cache
	// Now decides which acceptances have expired (zero: time.Now()).
	Now time.Time
}

// Analyze runs the threat-model stage on a loaded Terraform workspace: it reads the
// *.tm.hcl files under root, builds the graph (inferred + declared), and finds its
// threats with cat. It returns the inference it used so that the caller can pass
// it back while the Terraform stays the same.
func Analyze(ctx context.Context, ws *terraform.Workspace, root string, cat *graphrules.Catalog, opts Options) (*Result, *Inferred) {
	dsl, diags := tmdsl.Load(root, opts.Overlays)
	inf := opts.Inferred
	if inf == nil || inf.ws != ws {
		m, err := DefaultMapping()
		if err != nil {
			return &Result{DSL: dsl, Graph: &model.Graph{}, Diagnostics: append(diags, model.Diagnostic{Severity: model.SeverityHigh, Code: "internal", Summary: err.Error()})}, nil
		}
		inf = InferWith(ws, m)
	}
	g, bd := BuildFrom(inf, dsl)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	fs, td := ThreatsCached(ctx, g, cat, now, opts.Cache)
	diags = append(append(diags, bd...), td...)
	sortDiags(diags)
	return &Result{DSL: dsl, Graph: g, Findings: fs, Diagnostics: diags}, inf
}
