package analysis

import (
	"context"
	"runtime"
	"sync"

	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/rules"
)

// evaluateAll runs every applicable rule on every resource, spreading resources
// over one worker per CPU (each worker with its own Evaluator, whose conversion
// cache is not shared). The result order is the resource order, so output is
// deterministic whatever the scheduling.
func evaluateAll(ctx context.Context, cat *rules.Catalog, ws *terraform.Workspace) ([]rules.Result, []rules.RuleStat, error) {
	n := len(ws.Resources)
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
				per[i] = ev.Evaluate(ctx, ws.Resources[i])
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
