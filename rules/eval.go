package rules

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// Evaluator runs a catalogue's rules on resources during one analysis. It caches the
// CEL view of every resource it has seen (including those related() returned) and
// records per-rule timings. An Evaluator is NOT safe for concurrent use: create one
// per worker goroutine (creation is cheap: a few small maps); the Catalog and its
// compiled programs are shared.
type Evaluator struct {
	cat   *Catalog
	st    *evalState
	stats map[string]*RuleStat
}

// RuleStat is the cumulative evaluation cost of one rule in one Evaluator.
type RuleStat struct {
	RuleID string
	// Count is the number of resources the rule was evaluated on.
	Count int
	// Total is the time spent evaluating it (applies and condition).
	Total time.Duration
}

// NewEvaluator starts an evaluation run over resources whose relations idx answers
// (idx may be nil: related() then returns no resource).
func (c *Catalog) NewEvaluator(idx Index) *Evaluator {
	return &Evaluator{cat: c, st: newEvalState(idx), stats: map[string]*RuleStat{}}
}

// activation resolves the two variables of a rule: r and res.
type activation struct {
	r   ref.Val
	res ref.Val
}

func (a *activation) ResolveName(name string) (any, bool) {
	switch name {
	case "r":
		return a.r, true
	case "res":
		return a.res, true
	}
	return nil, false
}

func (a *activation) Parent() interpreter.Activation { return nil }

func resMeta(r *model.Resource) ref.Val {
	return types.NewStringStringMap(types.DefaultTypeAdapter, map[string]string{
		"address": r.Address,
		"type":    r.Type,
		"name":    r.Name,
		"module":  r.Module,
		"file":    r.File,
	})
}

// Evaluate runs every rule whose `resource` list names r's type, in ID order, and
// returns one Result per rule except those that do not apply (NotApplicable results
// are left out). When ctx is cancelled the rule being evaluated fails with the
// context's error and the remaining rules are not run.
func (e *Evaluator) Evaluate(ctx context.Context, r *model.Resource) []Result {
	if r == nil {
		return nil
	}
	rules := e.cat.RulesFor(r.Type)
	if len(rules) == 0 {
		return nil
	}
	act := &activation{r: e.st.resourceVal(r, false), res: resMeta(r)}
	out := make([]Result, 0, len(rules))
	for _, ru := range rules {
		if ctx.Err() != nil {
			break
		}
		start := time.Now()
		res := e.evalRule(ctx, ru, r, act)
		st := e.stats[ru.Meta.ID]
		if st == nil {
			st = &RuleStat{RuleID: ru.Meta.ID}
			e.stats[ru.Meta.ID] = st
		}
		st.Count++
		st.Total += time.Since(start)
		if res.Outcome != NotApplicable {
			out = append(out, res)
		}
	}
	return out
}

// EvaluateRule runs one rule on one resource, whatever its type list says.
func (e *Evaluator) EvaluateRule(ctx context.Context, ru *Rule, r *model.Resource) Result {
	act := &activation{r: e.st.resourceVal(r, false), res: resMeta(r)}
	return e.evalRule(ctx, ru, r, act)
}

func (e *Evaluator) evalRule(ctx context.Context, ru *Rule, r *model.Resource, act *activation) Result {
	e.st.resetRelated()
	res := Result{Rule: ru, Resource: r}
	finish := func(o Outcome, reason string) Result {
		res.Outcome, res.Reason = o, reason
		if len(e.st.related) > 0 {
			res.Related = append([]*model.Resource(nil), e.st.related...)
		}
		return res
	}
	if ru.applies != nil {
		ok, unk, err := runProgram(ctx, ru.applies, act)
		switch {
		case err != nil:
			return finish(Failed, fmt.Sprintf("applies: %v", err))
		case unk != nil:
			return finish(Undecided, unknownReason(unk))
		case !ok:
			return finish(NotApplicable, "")
		}
	}
	if ru.condition == nil {
		return finish(Failed, "the rule has no condition")
	}
	open, unk, err := runProgram(ctx, ru.condition, act)
	switch {
	case err != nil:
		return finish(Failed, err.Error())
	case unk != nil:
		return finish(Undecided, unknownReason(unk))
	case open:
		return finish(Open, "")
	}
	return finish(Pass, "")
}

// runProgram evaluates one program; a panic inside a helper function becomes an error.
func runProgram(ctx context.Context, p *program, act *activation) (val bool, unk *types.Unknown, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			err = fmt.Errorf("internal error evaluating %q: %v", p.src, rec)
		}
	}()
	out, _, evalErr := p.prg.ContextEval(ctx, act)
	if evalErr != nil {
		if ctx.Err() != nil {
			return false, nil, fmt.Errorf("evaluation stopped: %w", ctx.Err())
		}
		return false, nil, evalErr
	}
	if out == nil {
		return false, nil, errors.New("the expression produced no value")
	}
	return boolOf(out)
}

// unknownReason names the unknown attribute paths behind an undecided outcome.
func unknownReason(u *types.Unknown) string {
	seen := map[string]bool{}
	var names []string
	for _, id := range u.IDs() {
		trails, _ := u.GetAttributeTrails(id)
		for _, t := range trails {
			n := t.String()
			if t.Variable() == "" || n == "" || n == "<unspecified>" {
				continue
			}
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return "a value the rule needs is unknown"
	}
	sort.Strings(names)
	if len(names) == 1 {
		return names[0] + " is unknown"
	}
	return strings.Join(names, ", ") + " are unknown"
}

// Stats returns the cumulative evaluation count and time of every rule this
// Evaluator ran, slowest first (ties by ID).
func (e *Evaluator) Stats() []RuleStat {
	out := make([]RuleStat, 0, len(e.stats))
	for _, s := range e.stats {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].RuleID < out[j].RuleID
	})
	return out
}

// MergeStats adds the statistics of several evaluators (one per worker) together,
// slowest first.
func MergeStats(all ...[]RuleStat) []RuleStat {
	sum := map[string]*RuleStat{}
	for _, ss := range all {
		for _, s := range ss {
			t := sum[s.RuleID]
			if t == nil {
				t = &RuleStat{RuleID: s.RuleID}
				sum[s.RuleID] = t
			}
			t.Count += s.Count
			t.Total += s.Total
		}
	}
	out := make([]RuleStat, 0, len(sum))
	for _, s := range sum {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].RuleID < out[j].RuleID
	})
	return out
}
