package analysis

import (
	"context"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"runtime"
	"sync"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/rules"
)

// evaluateAll runs every applicable rule on every resource, spreading resources
// over one worker per CPU (each worker with its own Evaluator, whose conversion
// cache is not shared). The result order is the resource order, so output is
// deterministic whatever the scheduling.
func evaluateAll(ctx context.Context, cat *rules.Catalog, ws *terraform.Workspace, resources []*model.Resource) ([]rules.Result, []rules.RuleStat, error) {
	n := len(resources)
	per := make([][]rules.Result, n)
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	stats := make([][]rules.RuleStat, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := cat.NewEvaluator(ws)
			defer func() { stats[w] = ev.Stats() }()
			for i := range next {
				if ctx.Err() != nil {
					continue
				}
				per[i] = ev.Evaluate(ctx, resources[i])
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var out []rules.Result
	for _, rs := range per {
		out = append(out, rs...)
	}
	return out, rules.MergeStats(stats...), nil
}

// markFixable decides, for every finding whose rule has a fix, whether a fix really
// applies (its `applies` condition holds, its target exists, the source is not JSON
// and not a dynamic block), computing the edits once. Files are parsed once per
// analysis through a shared cache, and the work is spread over the CPUs.
func markFixable(ctx context.Context, res *Result, prev *Result, ws *terraform.Workspace, cat *rules.Catalog, findings []*model.Finding) {
	var todo []*model.Finding
	for _, f := range findings {
		if !f.Rule.HasFix {
			continue
		}
		if fixable, ok := prevFixable(res, prev, f); ok {
			f.Fixable = fixable
			continue
		}
		todo = append(todo, f)
	}
	cache := &rules.ParseCache{}
	seeded := map[string]bool{}
	for _, f := range todo {
		if seeded[f.File] {
			continue
		}
		seeded[f.File] = true
		if tf := ws.Files[f.File]; tf != nil && !tf.JSON && len(tf.Syntax) == 0 {
			if body, ok := tf.Body.(*hclsyntax.Body); ok {
				cache.Seed(f.File, tf.Bytes, body)
			}
		}
	}
	var wg sync.WaitGroup
	next := make(chan *model.Finding)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				if ctx.Err() != nil {
					continue
				}
				r := res.resourceByID[f.ID]
				rule := cat.Rule(f.RuleID)
				if r == nil || rule == nil {
					continue
				}
				f.Fixable = rule.FixAvailable(r, ws, res.source, cache)
			}
		}()
	}
	for _, f := range todo {
		next <- f
	}
	close(next)
	wg.Wait()
}

// prevFixable reuses the previous analysis's decision for a finding whose resource
// is unchanged: the same attribute values (joined split resources included, which is
// where a fix's `target` lives) declared in the very same file bytes, under the same
// rule. Anything else is decided anew.
func prevFixable(res, prev *Result, f *model.Finding) (bool, bool) {
	if prev == nil || prev.catalog != res.catalog {
		return false, false
	}
	pf := prev.byID[f.ID]
	r, pr := res.resourceByID[f.ID], prev.resourceByID[f.ID]
	if pf == nil || r == nil || pr == nil || r.File != pr.File || f.File != pf.File {
		return false, false
	}
	if !sameBytes(res.Files[r.File], prev.Files[pr.File]) || !sameBytes(res.Files[f.File], prev.Files[pf.File]) {
		return false, false
	}
	if !r.Attrs.RawEquals(pr.Attrs) {
		return false, false
	}
	return pf.Fixable, true
}

// sameBytes reports whether a and b are the same bytes: the very same array (files
// the loader did not re-read), else equal contents.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return string(a) == string(b)
}
