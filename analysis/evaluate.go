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
func markFixable(ctx context.Context, res *Result, prev *Result, ws *terraform.Workspace, cat *rules.Catalog, fresh map[*model.Resource]*rootOut) {
	type job struct {
		f *model.Finding
		r *model.Resource
	}
	var todo []job
	for r, o := range fresh {
		for _, f := range o.findings {
			if !f.Rule.HasFix {
				continue
			}
			if fixable, ok := prevFixable(res, prev, f, r); ok {
				f.Fixable = fixable
				continue
			}
			todo = append(todo, job{f, r})
		}
	}
	cache := &rules.ParseCache{}
	seeded := map[string]bool{}
	for _, j := range todo {
		f := j.f
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
	next := make(chan job)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				if ctx.Err() != nil {
					continue
				}
				rule := cat.Rule(j.f.RuleID)
				if rule == nil {
					continue
				}
				j.f.Fixable = rule.FixAvailable(j.r, ws, res.source, cache)
			}
		}()
	}
	for _, j := range todo {
		next <- j
	}
	close(next)
	wg.Wait()
}

// prevFixable reuses the previous analysis's decision for a finding whose resource
// is unchanged: the same attribute values (joined split resources included, which is
// where a fix's `target` lives) declared in the very same file bytes, under the same
// rule. Anything else is decided anew.
func prevFixable(res, prev *Result, f *model.Finding, r *model.Resource) (bool, bool) {
	if prev == nil || prev.catalog != res.catalog || prev.ws == nil {
		return false, false
	}
	pr := prev.ws.Lookup(r.Root, r.Address)
	if pr == nil || r.File != pr.File {
		return false, false
	}
	var pf *model.Finding
	if po := prev.perRes[pr.Root][pr]; po != nil {
		for _, x := range po.findings {
			if x.ID == f.ID {
				pf = x
				break
			}
		}
	}
	if pf == nil || f.File != pf.File {
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
