package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tm-ls/tm-ls/analysis/config"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/rules"
)

// catalogEntry is a built catalogue with the problems found building it.
type catalogEntry struct {
	cat   *rules.Catalog
	diags []model.Diagnostic
}

// catalog returns the rules in force under cfg plus the extra rule packs: the
// built-in catalogue, the packs, then the config's disables and overrides. The
// result is cached by everything it depends on (the config's rule settings and the
// size and time of every pack file), so that an unchanged configuration yields the
// very same catalogue and the rule outcomes of unchanged roots can be reused.
func (a *Analyzer) catalog(cfg *config.Config, extra []string) (*rules.Catalog, []model.Diagnostic) {
	dirs := append(append([]string{}, cfg.RuleDirs...), extra...)
	key := catalogKey(cfg, dirs)
	if e, ok := a.catalogs.Load(key); ok {
		ce := e.(*catalogEntry)
		return ce.cat, ce.diags
	}
	cat := a.builtin
	var diags []model.Diagnostic
	for _, dir := range dirs {
		rs, rdiags := rules.LoadDir(dir)
		diags = append(diags, rdiags...)
		var wdiags []model.Diagnostic
		cat, wdiags = cat.With(rs)
		diags = append(diags, wdiags...)
	}
	cat = cat.Configure(cfg.Disable, cfg.Severity)
	e, _ := a.catalogs.LoadOrStore(key, &catalogEntry{cat: cat, diags: diags})
	ce := e.(*catalogEntry)
	return ce.cat, ce.diags
}

func catalogKey(cfg *config.Config, dirs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "disable=%v\n", cfg.Disable)
	ids := make([]string, 0, len(cfg.Severity))
	for id := range cfg.Severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "sev %s=%d\n", id, cfg.Severity[id])
	}
	for _, d := range dirs {
		fmt.Fprintf(&b, "dir %s\n", d)
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".hcl") {
				return nil
			}
			if info, err := e.Info(); err == nil {
				fmt.Fprintf(&b, "  %s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}

// reusableRoots lists the root modules whose rule outcomes in prev still hold: the
// same catalogue, and exactly the same resource values (the loader hands back the
// same *model.Resource for a root none of whose files changed).
func reusableRoots(prev *Result, ws *terraform.Workspace, cat *rules.Catalog) map[string]bool {
	out := map[string]bool{}
	if prev == nil || prev.catalog != cat || prev.perRes == nil || prev.ws == nil {
		return out
	}
	before := map[string][]*model.Resource{}
	prev.ws.RootSegments(func(root string, rs []*model.Resource, _ int) { before[root] = rs })
	ws.RootSegments(func(root string, rs []*model.Resource, _ int) {
		if old, ok := before[root]; ok && slices.Equal(old, rs) {
			out[root] = true
		}
	})
	return out
}

// outcomesOf returns the rule outcomes prev holds for a resource that stands for r
// unchanged, or nil when r must be evaluated: the very same value in a root the
// loader reused whole (reused), or one with the same address, equal attributes
// (the very same value when the loader reused the block), the same place in the
// same file bytes, the same module call sites and equal neighbours (everything
// related() can show a rule), judged by the same catalogue. A block reused within
// a root that was evaluated again can have new neighbours, so the same value alone
// is not enough there.
func (prev *Result) outcomesOf(r *model.Resource, res *Result, ws *terraform.Workspace, cat *rules.Catalog, reused map[string]bool) *rootOut {
	if prev == nil || prev.catalog != cat || prev.perRes == nil || prev.ws == nil {
		return nil
	}
	if reused[r.Root] {
		if po := prev.perRes[r.Root][r]; po != nil {
			return po
		}
	}
	pr := prev.ws.Lookup(r.Root, r.Address)
	if pr == nil {
		return nil
	}
	po := prev.perRes[pr.Root][pr]
	if po == nil || !sameResource(res, prev, r, pr) {
		return nil
	}
	if len(r.ModuleCalls) != len(pr.ModuleCalls) {
		return nil
	}
	for i, c := range r.ModuleCalls {
		pc := pr.ModuleCalls[i]
		if c.Name != pc.Name || c.Key != pc.Key || c.Source != pc.Source || c.Range != pc.Range ||
			!sameBytes(res.Files[c.Range.Filename], prev.Files[pc.Range.Filename]) {
			return nil
		}
	}
	now, before := ws.Neighbors(r), prev.ws.Neighbors(pr)
	if len(now) != len(before) {
		return nil
	}
	for i := range now {
		if now[i] == before[i] {
			continue
		}
		if now[i].Root != before[i].Root || now[i].Address != before[i].Address || !sameResource(res, prev, now[i], before[i]) {
			return nil
		}
	}
	return po
}

// sameResource: equal attributes, declared at the same place in the same bytes.
func sameResource(res, prev *Result, r, pr *model.Resource) bool {
	if r == pr {
		return true
	}
	return r.File == pr.File && r.DeclRange == pr.DeclRange && r.BodyRange == pr.BodyRange &&
		sameBytes(res.Files[r.File], prev.Files[pr.File]) && r.Attrs.RawEquals(pr.Attrs)
}

// sharer decides which findings carried from prev can keep the decisions prev
// made for them, so that they need no copy (see sharedDecisions).
type sharer struct {
	res, prev *Result
	decided   map[string]bool // rules a control or acceptance names
}

// sharedDecisions returns a sharer when findings carried from prev may keep their
// decisions: the threat model is prev's own (a quick answer, Options.QuickGraph),
// decided on the same day (suppression and acceptance dates), by the same
// catalogue; nil otherwise. The sharer then checks each finding's own inputs.
func sharedDecisions(res, prev *Result, opts Options, now time.Time) *sharer {
	if prev == nil || !quickGraph(opts) || prev.now.IsZero() ||
		!sameDay(prev.now, now) || prev.catalog != res.catalog {
		return nil
	}
	decided := map[string]bool{}
	for _, c := range prev.Graph.Controls {
		for _, id := range c.Mitigates {
			decided[id] = true
		}
	}
	for _, a := range prev.Graph.Acceptances {
		decided[a.RuleID] = true
	}
	return &sharer{res: res, prev: prev, decided: decided}
}

// ok reports whether finding f of resource r keeps its decisions. Controls and
// acceptances are applied anew to the findings they name; suppressions are read
// from the finding's file, its resource's file and the files of its module calls,
// which must be the same bytes, as they are in a root the loader reused whole
// (wholeRoot).
func (sh *sharer) ok(f *model.Finding, r *model.Resource, wholeRoot bool) bool {
	if sh.decided[f.RuleID] {
		return false
	}
	if wholeRoot {
		return true
	}
	res, prev := sh.res, sh.prev
	if !sameBytes(res.Files[f.File], prev.Files[f.File]) || !sameBytes(res.Files[r.File], prev.Files[r.File]) {
		return false
	}
	for _, c := range r.ModuleCalls {
		if !sameBytes(res.Files[c.Range.Filename], prev.Files[c.Range.Filename]) {
			return false
		}
	}
	return true
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}

// carryFindings returns the findings carried from po for r, or nil when every one
// of them is shared as it is. A finding that cannot be shared is copied, back in
// its undecided state, and owned by res: the decision stages judge it anew.
func carryFindings(res *Result, r *model.Resource, po *rootOut, sh *sharer, wholeRoot bool) []*model.Finding {
	all := sh != nil
	if all {
		for _, pf := range po.findings {
			if !sh.ok(pf, r, wholeRoot) {
				all = false
				break
			}
		}
	}
	if all {
		return nil
	}
	out := make([]*model.Finding, 0, len(po.findings))
	for _, pf := range po.findings {
		if sh != nil && sh.ok(pf, r, wholeRoot) {
			out = append(out, pf)
			continue
		}
		f := *pf
		f.Status, f.StatusNote, f.Residual = model.Open, "", ResidualRisk(f.Inherent)
		res.owned[&f] = true
		out = append(out, &f)
	}
	return out
}
