package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/tm-ls/tm-ls/analysis/model"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

// classRank orders data classifications; 0 means no data.
var classRank = map[string]int{"public": 1, "internal": 2, "confidential": 3, "restricted": 4}

var rankClass = []string{"", "public", "internal", "confidential", "restricted"}

// index gives fast access to a graph's elements by address.
type index struct {
	g      *model.Graph
	comps  map[string]*model.Component
	actors map[string]*model.Actor
	bounds map[string]*model.Boundary
	data   map[string]*model.DataAsset
	flows  map[string]*model.Flow
	// claims maps a Terraform address (root-qualified when not ".") to the
	// component that stands for it.
	claims map[string]string
	paths  map[string]*model.AttackPath // by target
}

func newIndex(g *model.Graph) *index {
	ix := &index{g: g, comps: map[string]*model.Component{}, actors: map[string]*model.Actor{}, bounds: map[string]*model.Boundary{},
		data: map[string]*model.DataAsset{}, flows: map[string]*model.Flow{}, claims: map[string]string{}, paths: map[string]*model.AttackPath{}}
	for _, p := range g.Paths {
		ix.paths[p.Target] = p
	}
	for _, c := range g.Components {
		ix.comps[c.Address] = c
		for _, t := range c.Terraform {
			ix.claims[qualify(c.Root, t)] = c.Address
		}
	}
	for _, a := range g.Actors {
		ix.actors[a.Address] = a
	}
	for _, b := range g.Boundaries {
		ix.bounds[b.Address] = b
	}
	for _, d := range g.Data {
		ix.data[d.Address] = d
	}
	for _, f := range g.Flows {
		ix.flows[f.Address] = f
	}
	return ix
}

func qualify(root, addr string) string {
	if root == "" || root == "." {
		return addr
	}
	return root + ":" + addr
}

func (ix *index) boundaryOf(addr string) string {
	if c := ix.comps[addr]; c != nil {
		return c.Boundary
	}
	if a := ix.actors[addr]; a != nil {
		return a.Boundary
	}
	return ""
}

func (ix *index) trust(addr string) string {
	if b := ix.bounds[ix.boundaryOf(addr)]; b != nil {
		return b.Trust
	}
	return ""
}

// sensitivity is the rank of the most sensitive data in addrs and its names.
func (ix *index) sensitivity(addrs ...[]string) (int, []string) {
	n := 0
	for _, l := range addrs {
		n += len(l)
	}
	if n == 0 {
		return 0, nil
	}
	best := 0
	var names []string
	for _, list := range addrs {
		for _, a := range list {
			if d := ix.data[a]; d != nil {
				names = append(names, d.Name)
				if r := classRank[d.Classification]; r > best {
					best = r
				}
			}
		}
	}
	return best, dedupe(names)
}

func setTri(m map[string]any, k string, t model.Tri) {
	if t != model.Unknown {
		m[k] = t == model.Yes
	}
}

// Display is how an element is named in messages: actors by name, others by address.
func Display(addr string) string {
	if strings.HasPrefix(addr, "actor.") {
		return strings.TrimPrefix(addr, "actor.")
	}
	return addr
}

func (ix *index) nodeFacts(addr string) map[string]any {
	m := map[string]any{"address": addr, "name": Display(addr), "boundary": ix.boundaryOf(addr), "trust": ix.trust(addr)}
	if c := ix.comps[addr]; c != nil {
		return ix.componentFacts(c)
	}
	m["kind"] = "actor"
	m["internet_facing"] = false
	return m
}

func (ix *index) componentFacts(c *model.Component) map[string]any {
	sens, names := ix.sensitivity(c.Stores, c.Processes)
	m := map[string]any{
		"address": c.Address, "name": Display(c.Address), "kind": c.Kind, "boundary": c.Boundary, "trust": ix.trust(c.Address),
		"provider": c.Provider, "internet_facing": c.InternetFacing, "sensitivity": sens, "classification": rankClass[sens],
		"data": names, "declared": c.Origin == model.Declared, "terraform": c.Terraform,
		"entry": entryKinds[c.Kind], "guarded": c.Guarded,
	}
	setTri(m, "encrypted_at_rest", c.EncryptedAtRest)
	setTri(m, "backup", c.Backup)
	setTri(m, "waf", c.WAF)
	setTri(m, "rate_limit", c.RateLimit)
	setTri(m, "audit_trail", c.AuditTrail)
	return m
}

func (ix *index) flowFacts(f *model.Flow) map[string]any {
	sens, names := ix.sensitivity(f.Data)
	if len(f.Data) == 0 {
		// An undeclared payload is assumed to be what the destination holds.
		if c := ix.comps[f.To]; c != nil && c.Kind == "datastore" {
			sens, names = ix.sensitivity(c.Stores, c.Processes)
		}
	}
	fb, tb := ix.boundaryOf(f.From), ix.boundaryOf(f.To)
	m := map[string]any{
		"address": f.Address, "name": f.Name, "from": f.From, "to": f.To, "protocol": f.Protocol, "port": f.Port,
		"crosses_boundary": fb != tb, "from_trust": ix.trust(f.From), "to_trust": ix.trust(f.To),
		"sensitivity": sens, "classification": rankClass[sens], "data": names, "declared": f.Origin == model.Declared,
	}
	if m["protocol"] == "" {
		m["protocol"] = "unspecified"
	}
	setTri(m, "encrypted", f.Encrypted)
	setTri(m, "authenticated", f.Authenticated)
	return m
}

// Threats evaluates the graph rules of cat on g: every flow, component and attack
// path (paths are computed here and stored in g.Paths, highest risk first), then
// applies the declared controls and acceptances (Status, StatusNote, Residual).
// Rule runtime errors and expired acceptances are diagnostics.
func Threats(ctx context.Context, g *model.Graph, cat *graphrules.Catalog, now time.Time) ([]*model.Finding, []model.Diagnostic) {
	return ThreatsCached(ctx, g, cat, now, nil)
}

// ThreatsCached is Threats with a cache of rule outcomes per component (keyed by
// everything a component rule can read), kept by the caller across analyses of one
// workspace so that an edit re-evaluates only the components it changed. A nil
// cache evaluates everything.
func ThreatsCached(ctx context.Context, g *model.Graph, cat *graphrules.Catalog, now time.Time, cache *Cache) ([]*model.Finding, []model.Diagnostic) {
	ix := newIndex(g)
	var findings []*model.Finding
	var diags []model.Diagnostic
	ruleErr := func(r *graphrules.Rule, addr string, err error) {
		diags = append(diags, model.Diagnostic{Severity: model.SeverityMedium, File: r.Meta.Source, Code: "rule-error",
			Summary: fmt.Sprintf("graph rule %s failed on %s", r.Meta.ID, addr), Detail: err.Error()})
	}
	flowFacts := make([][3]map[string]any, len(g.Flows))
	findings = append(findings, ix.componentThreats(ctx, cat, cache, ruleErr)...)
	for _, r := range cat.Rules() {
		if ctx.Err() != nil {
			return nil, diags
		}
		switch r.Target {
		case "flow":
			for i, f := range g.Flows {
				if flowFacts[i][0] == nil {
					flowFacts[i] = [3]map[string]any{ix.flowFacts(f), ix.nodeFacts(f.From), ix.nodeFacts(f.To)}
				}
				e, from, to := flowFacts[i][0], flowFacts[i][1], flowFacts[i][2]
				open, err := r.Eval(ctx, e, from, to)
				if err != nil {
					ruleErr(r, f.Address, err)
					continue
				}
				if open {
					findings = append(findings, ix.flowFinding(r, f, e, from, to))
				}
			}
		}
	}
	g.Paths = AttackPaths(g)
	for _, p := range g.Paths {
		e := ix.pathFacts(p)
		for _, r := range cat.Rules() {
			if r.Target != "path" {
				continue
			}
			open, err := r.Eval(ctx, e, nil, nil)
			if err != nil {
				ruleErr(r, p.Target, err)
				continue
			}
			if open {
				findings = append(findings, ix.pathFinding(r, p, e))
			}
		}
	}
	diags = append(diags, ApplyDecisions(g, findings, now)...)
	// Path risk after controls, for ranking.
	pathRisk := map[string]float64{}
	for _, f := range findings {
		if f.ResourceType == "attack-path" {
			pathRisk[f.Resource] = f.Residual
		}
	}
	for _, p := range g.Paths {
		if r, ok := pathRisk[p.Target]; ok {
			p.Risk = r
		}
	}
	sort.SliceStable(g.Paths, func(i, j int) bool {
		if g.Paths[i].Risk != g.Paths[j].Risk {
			return g.Paths[i].Risk > g.Paths[j].Risk
		}
		return g.Paths[i].Target < g.Paths[j].Target
	})
	sortFindings(findings)
	sortDiags(diags)
	return findings, diags
}

func sortFindings(fs []*model.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.ID < b.ID
	})
}

func newFinding(r *graphrules.Rule, addr, typ, msg, file string, rng hcl.Range) *model.Finding {
	meta := r.Meta
	in := clampRisk(meta.Likelihood) * clampRisk(meta.Impact)
	return &model.Finding{
		ID: r.Meta.ID + "@" + addr, RuleID: meta.ID, Rule: &meta, Resource: addr, ResourceType: typ, Severity: meta.Severity,
		Message: msg, File: file, Range: rng, Likelihood: meta.Likelihood, Impact: meta.Impact, Inherent: in, Residual: float64(in),
	}
}

func clampRisk(v int) int {
	return min(max(v, 1), 5)
}

func (ix *index) componentFinding(r *graphrules.Rule, c *model.Component, e map[string]any) *model.Finding {
	file, rng := c.File, c.Range
	var related []model.Related
	if ev, ok := c.Evidence[r.Location]; ok && r.Location != "" {
		file, rng = ev.File, ev.Range
	} else if ev, ok := c.Evidence["component"]; ok && c.Origin == model.Inferred {
		file, rng = ev.File, ev.Range
	}
	if c.Origin == model.Declared && (file != c.File || rng != c.Range) {
		related = append(related, model.Related{Message: "declared as " + c.Address, File: c.File, Range: c.Range})
	}
	typ := "component"
	if c.Origin == model.Inferred && len(c.Terraform) > 0 {
		typ = strings.SplitN(c.Terraform[0], ".", 2)[0]
	}
	f := newFinding(r, c.Address, typ, r.Render(e, nil, nil), file, rng)
	f.Related = related
	_, _, f.Fixable = fixTarget(r, c)
	return f
}

func (ix *index) flowFinding(r *graphrules.Rule, fl *model.Flow, e, from, to map[string]any) *model.Finding {
	f := newFinding(r, fl.Address, "flow", r.Render(e, from, to), fl.File, fl.Range)
	for _, end := range []string{fl.From, fl.To} {
		if c := ix.comps[end]; c != nil && c.File != "" {
			f.Related = append(f.Related, model.Related{Message: fmt.Sprintf("%s (%s)", Display(end), c.Kind), File: c.File, Range: c.Range})
		}
	}
	return f
}

// describe names a flow step: "HTTP 80".
func describe(f *model.Flow) string {
	if f == nil {
		return ""
	}
	return describeFlow(f)
}

// AttackPaths finds, for every component holding data, the shortest chain of flows
// (breadth-first, ties broken by address) from an untrusted actor or the internet.
// Risk is the path's inherent risk; Threats replaces it by the residual risk.
func AttackPaths(g *model.Graph) []*model.AttackPath {
	ix := newIndex(g)
	adj := map[string][]*model.Flow{}
	for _, f := range g.Flows {
		adj[f.From] = append(adj[f.From], f)
	}
	for k := range adj {
		sort.Slice(adj[k], func(i, j int) bool {
			if adj[k][i].To != adj[k][j].To {
				return adj[k][i].To < adj[k][j].To
			}
			return adj[k][i].Address < adj[k][j].Address
		})
	}
	var sources []string
	for _, a := range g.Actors {
		if ix.trust(a.Address) == "untrusted" || a.Address == InternetActor {
			sources = append(sources, a.Address)
		}
	}
	sort.Strings(sources)
	prev := map[string]*model.Flow{}
	seen := map[string]bool{}
	queue := append([]string{}, sources...)
	for _, s := range sources {
		seen[s] = true
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, f := range adj[n] {
			if seen[f.To] {
				continue
			}
			seen[f.To] = true
			prev[f.To] = f
			queue = append(queue, f.To)
		}
	}
	var out []*model.AttackPath
	for _, c := range g.Components {
		sens, _ := ix.sensitivity(c.Stores, c.Processes)
		if sens == 0 || prev[c.Address] == nil {
			continue
		}
		p := &model.AttackPath{Target: c.Address, Classification: rankClass[sens]}
		for n := c.Address; ; {
			p.Nodes = append([]string{n}, p.Nodes...)
			f := prev[n]
			if f == nil {
				break
			}
			p.Flows = append([]string{f.Address}, p.Flows...)
			n = f.From
		}
		p.Source = p.Nodes[0]
		hops := len(p.Flows)
		p.Likelihood = clampRisk(6 - hops)
		p.Impact = clampRisk(sens + 1)
		p.Risk = float64(p.Likelihood * p.Impact)
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Risk != out[j].Risk {
			return out[i].Risk > out[j].Risk
		}
		return out[i].Target < out[j].Target
	})
	return out
}

func (ix *index) pathFacts(p *model.AttackPath) map[string]any {
	steps := make([]string, 0, len(p.Flows))
	for i, fa := range p.Flows {
		steps = append(steps, fmt.Sprintf("step %d: %s → %s (%s)", i+1, Display(p.Nodes[i]), Display(p.Nodes[i+1]), describe(ix.flows[fa])))
	}
	sens := classRank[p.Classification]
	kind := ""
	if c := ix.comps[p.Target]; c != nil {
		kind = c.Kind
	}
	return map[string]any{
		"address": p.Target, "source": Display(p.Source), "target": p.Target, "target_name": Display(p.Target), "target_kind": kind,
		"hops": len(p.Flows), "sensitivity": sens, "classification": p.Classification, "steps": steps, "nodes": append([]string{}, p.Nodes...),
	}
}

func (ix *index) pathFinding(r *graphrules.Rule, p *model.AttackPath, e map[string]any) *model.Finding {
	first := ix.flows[p.Flows[0]]
	f := newFinding(r, p.Target, "attack-path", r.Render(e, nil, nil), first.File, first.Range)
	f.Likelihood, f.Impact = p.Likelihood, p.Impact
	f.Inherent = p.Likelihood * p.Impact
	f.Residual = float64(f.Inherent)
	f.Severity = riskSeverity(float64(f.Inherent))
	for i, fa := range p.Flows {
		fl := ix.flows[fa]
		f.Related = append(f.Related, model.Related{
			Message: fmt.Sprintf("step %d: %s → %s (%s)", i+1, Display(p.Nodes[i]), Display(p.Nodes[i+1]), describe(fl)),
			File:    fl.File, Range: fl.Range,
		})
	}
	if c := ix.comps[p.Target]; c != nil {
		f.Related = append(f.Related, model.Related{Message: fmt.Sprintf("target: %s holds %s data", Display(c.Address), p.Classification), File: c.File, Range: c.Range})
	}
	return f
}

// riskSeverity is the documented level of a risk score: ≥ 20 critical, ≥ 12 high,
// ≥ 6 medium, else low.
func riskSeverity(score float64) model.Severity {
	switch {
	case score >= 20:
		return model.SeverityCritical
	case score >= 12:
		return model.SeverityHigh
	case score >= 6:
		return model.SeverityMedium
	}
	return model.SeverityLow
}

// ApplyDecisions applies the graph's controls and acceptances to findings (graph
// findings, and resource findings whose Resource is a Terraform address a component
// stands for): an implemented control that mitigates the finding's rule on one of
// its elements multiplies Residual by (1 − effectiveness) and makes it Mitigated; an
// acceptance of the rule on one of its elements makes it Accepted until its date;
// after the date the finding is Open again, says so in StatusNote, and a diagnostic
// is returned. Suppressed findings are left alone.
func ApplyDecisions(g *model.Graph, findings []*model.Finding, now time.Time) []model.Diagnostic {
	// Only findings of a rule some decision names can change: the others are
	// skipped without indexing the graph (it runs on every edit, over every finding).
	decided := map[string]bool{}
	for _, c := range g.Controls {
		for _, id := range c.Mitigates {
			decided[id] = true
		}
	}
	for _, a := range g.Acceptances {
		decided[a.RuleID] = true
	}
	var ix *index
	var diags []model.Diagnostic
	expiredSeen := map[string]bool{}
	today := now.UTC().Truncate(24 * time.Hour)
	for _, f := range findings {
		if f.Status == model.Suppressed || !decided[f.RuleID] {
			continue
		}
		if ix == nil {
			ix = newIndex(g)
		}
		els := ix.elementsOf(f)
		var notes []string
		for _, c := range g.Controls {
			if !contains(c.Mitigates, f.RuleID) || !intersects(c.On, els) {
				continue
			}
			if c.Status != "implemented" {
				notes = append(notes, fmt.Sprintf("control %s is planned", c.Name))
				continue
			}
			e := min(max(c.Effectiveness, 0), 1)
			f.Residual *= 1 - e
			notes = append(notes, fmt.Sprintf("mitigated by control %s (effectiveness %.0f%%)", c.Name, e*100))
		}
		if f.Residual < float64(f.Inherent) {
			f.Status = model.Mitigated
		}
		for _, a := range g.Acceptances {
			if a.RuleID != f.RuleID || (len(a.On) > 0 && !intersects(a.On, els)) {
				continue
			}
			if !a.Until.IsZero() && today.After(a.Until) {
				notes = append(notes, fmt.Sprintf("acceptance by %s expired on %s (%s)", a.Owner, a.Until.Format("2006-01-02"), a.Reason))
				if !expiredSeen[a.Address] {
					expiredSeen[a.Address] = true
					diags = append(diags, model.Diagnostic{Severity: model.SeverityMedium, File: a.File, Range: a.Range, Code: "acceptance-expired",
						Summary: fmt.Sprintf("acceptance of %s expired on %s", a.RuleID, a.Until.Format("2006-01-02")),
						Detail:  "The accepted risk is open again. Renew the acceptance with a new date, or fix the finding."})
				}
				continue
			}
			f.Status = model.Accepted
			until := "without expiry"
			if !a.Until.IsZero() {
				until = "until " + a.Until.Format("2006-01-02")
			}
			notes = append(notes, fmt.Sprintf("accepted by %s %s: %s", a.Owner, until, a.Reason))
			break
		}
		if len(notes) > 0 {
			note := strings.Join(notes, "; ")
			if f.StatusNote != "" {
				note = f.StatusNote + "; " + note
			}
			f.StatusNote = note
		}
	}
	return diags
}

// elementsOf lists the graph addresses a finding is about: its element, a flow's
// endpoints, a path's nodes and flows, the component that claims a resource.
func (ix *index) elementsOf(f *model.Finding) []string {
	out := []string{f.Resource}
	if c, ok := ix.claims[f.Resource]; ok {
		out = append(out, c)
	}
	if i := strings.Index(f.ID, "@"); i >= 0 {
		id := f.ID[i+1:]
		if c, ok := ix.claims[id]; ok {
			out = append(out, c)
		}
	}
	if fl := ix.flows[f.Resource]; fl != nil {
		out = append(out, fl.From, fl.To)
	}
	if c := ix.comps[f.Resource]; c != nil {
		out = append(out, c.Terraform...)
	}
	if p := ix.paths[f.Resource]; p != nil && f.ResourceType == "attack-path" {
		out = append(out, p.Nodes...)
		out = append(out, p.Flows...)
	}
	return out
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Cache remembers component rule outcomes between analyses. It is safe for
// concurrent use; it forgets everything when the catalogue changes or it grows past
// a bound.
type Cache struct {
	mu      sync.Mutex
	cat     *graphrules.Catalog
	entries map[string][]bool
}

// NewCache returns an empty outcome cache.
func NewCache() *Cache { return &Cache{entries: map[string][]bool{}} }

const cacheBound = 200_000

func (c *Cache) get(cat *graphrules.Catalog, key string) ([]bool, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cat != cat {
		c.cat, c.entries = cat, map[string][]bool{}
	}
	v, ok := c.entries[key]
	return v, ok
}

func (c *Cache) put(key string, v []bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= cacheBound {
		c.entries = map[string][]bool{}
	}
	c.entries[key] = v
}

// componentKey is everything componentFacts reads, as one string.
func (ix *index) componentKey(c *model.Component) string {
	var b strings.Builder
	b.Grow(128)
	for _, s := range []string{c.Address, c.Kind, c.Boundary, ix.trust(c.Address), c.Provider} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	for _, t := range []model.Tri{c.EncryptedAtRest, c.Backup, c.WAF, c.RateLimit, c.AuditTrail} {
		b.WriteByte(byte('0' + t))
	}
	fmt.Fprintf(&b, "%t%t%d", c.InternetFacing, c.Guarded, c.Origin)
	for _, list := range [][]string{c.Stores, c.Processes, c.Terraform} {
		b.WriteByte(1)
		for _, a := range list {
			b.WriteString(a)
			if d := ix.data[a]; d != nil {
				b.WriteString("=" + d.Classification + "/" + d.Name)
			}
			b.WriteByte(0)
		}
	}
	return b.String()
}

// componentThreats runs the component rules on every component, reusing cached
// outcomes for components whose facts did not change.
func (ix *index) componentThreats(ctx context.Context, cat *graphrules.Catalog, cache *Cache, ruleErr func(*graphrules.Rule, string, error)) []*model.Finding {
	var rules []*graphrules.Rule
	for _, r := range cat.Rules() {
		if r.Target == "component" {
			rules = append(rules, r)
		}
	}
	var out []*model.Finding
	for _, c := range ix.g.Components {
		if ctx.Err() != nil {
			return out
		}
		var key string
		if cache != nil {
			key = ix.componentKey(c)
		}
		var e map[string]any
		outcomes, ok := cache.get(cat, key)
		if !ok {
			e = ix.componentFacts(c)
			outcomes = make([]bool, len(rules))
			failed := false
			for i, r := range rules {
				open, err := r.Eval(ctx, e, nil, nil)
				if err != nil {
					ruleErr(r, c.Address, err)
					failed = true
					continue
				}
				outcomes[i] = open
			}
			if !failed && cache != nil {
				cache.put(key, outcomes)
			}
		}
		for i, open := range outcomes {
			if !open {
				continue
			}
			if e == nil {
				e = ix.componentFacts(c)
			}
			out = append(out, ix.componentFinding(rules[i], c, e))
		}
	}
	return out
}
