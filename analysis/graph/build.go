// Package graph builds the threat-model graph of a workspace: components, trust
// boundaries, actors, data assets and flows inferred from the Terraform resources
// (with the mapping from resource types kept as data in mapping/*.hcl), merged with
// what the *.tm.hcl files declare (a declaration wins over what it claims); then it
// finds the graph's threats: graph rules, attack paths from untrusted actors to
// sensitive data, and drift between the declared model and the infrastructure.
package graph

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
)

// DefaultBoundary holds declared components that name no boundary and claim no
// Terraform resource.
const DefaultBoundary = "boundary.system"

// Build returns the graph of a workspace: inferred from ws (which may be nil) and
// declared in dsl (which may be nil or empty), declarations winning. Diagnostics
// report drift (a declared resource that does not exist, a declared flow the network
// rules do not allow, inferred exposure the declared model does not mention).
func Build(ws *terraform.Workspace, dsl *tmdsl.Workspace) (*model.Graph, []model.Diagnostic) {
	m, err := DefaultMapping()
	if err != nil {
		return &model.Graph{}, []model.Diagnostic{{Severity: model.SeverityHigh, Summary: "graph mapping tables are broken", Detail: err.Error(), Code: "internal"}}
	}
	return BuildWith(ws, dsl, m)
}

// BuildWith is Build with an explicit mapping (tests and custom tables).
func BuildWith(ws *terraform.Workspace, dsl *tmdsl.Workspace, m *Mapping) (*model.Graph, []model.Diagnostic) {
	return BuildFrom(InferWith(ws, m), dsl)
}

// Inferred is the part of the graph that depends only on the Terraform: compute it
// once per Terraform snapshot with Infer, then merge it with every new version of
// the threat-model files with BuildFrom (an edit of a *.tm.hcl file then costs the
// merge, not the inference). It is not modified by BuildFrom and may be shared.
type Inferred struct {
	ws  *terraform.Workspace
	inf *inferrer
}

// Infer derives the graph of a Terraform workspace (nil gives an empty graph) with
// the built-in mapping tables.
func Infer(ws *terraform.Workspace) (*Inferred, error) {
	m, err := DefaultMapping()
	if err != nil {
		return nil, err
	}
	return InferWith(ws, m), nil
}

// InferWith is Infer with an explicit mapping.
func InferWith(ws *terraform.Workspace, m *Mapping) *Inferred {
	_, inf := infer(ws, m)
	return &Inferred{ws: ws, inf: inf}
}

// BuildFrom merges an inferred graph with the declared model (dsl may be nil).
func BuildFrom(in *Inferred, dsl *tmdsl.Workspace) (*model.Graph, []model.Diagnostic) {
	g := cloneGraph(in.inf.g)
	mg := &merger{g: g, inf: in.inf, ws: in.ws, dsl: dsl, alias: map[string]string{}}
	if in.ws != nil {
		g.Name = filepath.Base(in.ws.Root)
	}
	if !dsl.Empty() {
		mg.merge()
	}
	finish(g)
	sortDiags(mg.diags)
	return g, mg.diags
}

// cloneGraph copies the elements the merge changes (components, flows) and the
// slices it rebuilds, so that an inferred graph can be merged many times.
func cloneGraph(src *model.Graph) *model.Graph {
	g := *src
	g.Boundaries = append([]*model.Boundary{}, src.Boundaries...)
	g.Actors = append([]*model.Actor{}, src.Actors...)
	g.Components = make([]*model.Component, len(src.Components))
	for i, c := range src.Components {
		cc := *c
		g.Components[i] = &cc
	}
	g.Flows = make([]*model.Flow, len(src.Flows))
	for i, f := range src.Flows {
		ff := *f
		ff.Via = append([]string{}, f.Via...)
		g.Flows[i] = &ff
	}
	return &g
}

type merger struct {
	g     *model.Graph
	inf   *inferrer
	ws    *terraform.Workspace
	dsl   *tmdsl.Workspace
	diags []model.Diagnostic
	// alias maps an inferred address (component or boundary) to the declaration
	// that claims it.
	alias map[string]string
	// inferredFlows are the inferred flows before declared ones replaced them, with
	// endpoints already aliased: what the infrastructure allows.
	inferredFlows []*model.Flow
}

func (mg *merger) diag(sev model.Severity, file string, rng hcl.Range, code, summary, detail string) {
	mg.diags = append(mg.diags, model.Diagnostic{Severity: sev, File: file, Range: rng, Code: code, Summary: summary, Detail: detail})
}

func declElement(d *tmdsl.Decl) model.Element {
	return model.Element{Address: d.Address, Name: d.Name, Origin: model.Declared, File: d.File, Range: d.Range}
}

func refAddrs(d *tmdsl.Decl, attr string) []string {
	var out []string
	for _, r := range d.Refs[attr] {
		if r.Kind == tmdsl.RefKindTerraform || r.Resolved {
			out = append(out, r.Address)
		}
	}
	return out
}

func ref1(d *tmdsl.Decl, attr string) string {
	if a := refAddrs(d, attr); len(a) > 0 {
		return a[0]
	}
	return ""
}

// claim finds the Terraform resources a DSL reference names: an instance, every
// instance of a resource, or (for an address without root) the address in any root
// module, the workspace root first.
func (mg *merger) claim(r tmdsl.Ref) []*model.Resource {
	if mg.ws == nil {
		return nil
	}
	addr := r.Address
	root := "."
	if i := strings.Index(addr, ":"); i > 0 {
		root, addr = addr[:i], addr[i+1:]
	}
	if rs := mg.inf.lookup(root, addr); len(rs) > 0 {
		return rs
	}
	var out []*model.Resource
	for _, x := range mg.ws.Resources {
		if x.Address == addr || x.BaseAddress == addr || strings.HasPrefix(x.Address, addr+".") && strings.HasPrefix(addr, "module.") {
			out = append(out, x)
		}
	}
	return out
}

func (mg *merger) merge() {
	g, dsl := mg.g, mg.dsl
	for _, d := range dsl.Decls {
		if !d.Imported {
			g.Declared = true
		}
	}
	if md := dsl.Model; md != nil {
		g.Name = md.Name
		g.Owner = md.Str["owner"]
		g.Frameworks = md.List["frameworks"]
	}
	claimed := map[*model.Resource]string{}
	resOf := map[string][]*model.Resource{}
	for _, d := range dsl.Decls {
		if d.Kind != tmdsl.KindBoundary && d.Kind != tmdsl.KindComponent {
			continue
		}
		for _, r := range d.Refs["terraform"] {
			rs := mg.claim(r)
			if len(rs) == 0 && mg.ws != nil && !d.Imported {
				mg.diag(model.SeverityMedium, r.File, r.Range, "drift-missing-resource",
					fmt.Sprintf("%s claims %s, which the Terraform does not declare", d.Address, r.Address),
					"The threat model refers to infrastructure that does not exist (renamed or removed?). Update the reference or the model.")
			}
			for _, x := range rs {
				if prev, ok := claimed[x]; ok && prev != d.Address {
					mg.diag(model.SeverityMedium, r.File, r.Range, "tm-dsl", fmt.Sprintf("%s is already claimed by %s", r.Address, prev), "")
					continue
				}
				claimed[x] = d.Address
				resOf[d.Address] = append(resOf[d.Address], x)
				if b := mg.inf.bound[x]; b != nil && d.Kind == tmdsl.KindBoundary {
					mg.alias[b.Address] = d.Address
				}
				if c := mg.inf.comp[x]; c != nil && d.Kind == tmdsl.KindComponent {
					mg.alias[c.Address] = d.Address
				}
			}
		}
	}
	// Data, boundaries and actors: declared ones replace inferred ones of the same address.
	declared := map[string]bool{}
	for _, d := range dsl.Decls {
		declared[d.Address] = true
	}
	var bounds []*model.Boundary
	for _, b := range g.Boundaries {
		if mg.alias[b.Address] == "" && !declared[b.Address] {
			bounds = append(bounds, b)
		}
	}
	var actors []*model.Actor
	for _, a := range g.Actors {
		if !declared[a.Address] {
			actors = append(actors, a)
		}
	}
	for _, d := range dsl.Decls {
		el := declElement(d)
		for _, x := range resOf[d.Address] {
			el.Terraform = append(el.Terraform, x.Address)
			el.Root = x.Root
		}
		switch d.Kind {
		case tmdsl.KindData:
			g.Data = append(g.Data, &model.DataAsset{Element: el, Classification: d.Str["classification"]})
		case tmdsl.KindBoundary:
			bounds = append(bounds, &model.Boundary{Element: el, Trust: d.Str["trust"], Parent: ref1(d, "parent")})
		case tmdsl.KindActor:
			actors = append(actors, &model.Actor{Element: el, Boundary: ref1(d, "boundary")})
		}
	}
	g.Boundaries, g.Actors = bounds, actors
	// Components: declared ones aggregate the facts of the resources they claim.
	var comps []*model.Component
	for _, c := range g.Components {
		if mg.alias[c.Address] == "" && !declared[c.Address] {
			c.Boundary = mg.aliased(c.Boundary)
			comps = append(comps, c)
		}
	}
	for _, d := range dsl.Decls {
		if d.Kind != tmdsl.KindComponent {
			continue
		}
		el := declElement(d)
		c := &model.Component{Element: el, Kind: d.Str["kind"], Boundary: ref1(d, "boundary"), Stores: refAddrs(d, "stores"), Processes: refAddrs(d, "processes"), Evidence: map[string]model.Related{}}
		var parts []*model.Component
		for _, x := range resOf[d.Address] {
			c.Terraform = append(c.Terraform, x.Address)
			c.Root = x.Root
			if ic := mg.inf.comp[x]; ic != nil {
				parts = append(parts, ic)
			}
		}
		aggregate(c, parts)
		if c.Boundary == "" && len(parts) > 0 {
			c.Boundary = mg.aliased(parts[0].Boundary)
		}
		if c.Boundary == "" {
			c.Boundary = DefaultBoundary
			if !hasBoundary(bounds, DefaultBoundary) {
				bounds = append(bounds, &model.Boundary{Element: model.Element{Address: DefaultBoundary, Name: "System", Origin: model.Inferred}, Trust: "trusted"})
				g.Boundaries = bounds
			}
		}
		comps = append(comps, c)
	}
	g.Components = comps
	mg.mergeFlows()
	for _, d := range dsl.Decls {
		switch d.Kind {
		case tmdsl.KindControl:
			eff := 0.5
			if e, ok := d.Num["effectiveness"]; ok {
				eff = e
			}
			status := d.Str["status"]
			if status == "" {
				status = "implemented"
			}
			g.Controls = append(g.Controls, &model.Control{Element: declElement(d), Mitigates: d.List["mitigates"], On: mg.targets(d), Status: status, Effectiveness: eff})
		case tmdsl.KindAccept:
			a := &model.Acceptance{Element: declElement(d), RuleID: d.Name, On: mg.targets(d), Reason: d.Str["reason"], Owner: d.Str["owner"]}
			if u := d.Str["until"]; u != "" {
				a.Until, _ = time.Parse(tmdsl.DateLayout, u)
			}
			g.Acceptances = append(g.Acceptances, a)
		}
	}
	mg.drift(claimed)
}

func hasBoundary(bs []*model.Boundary, addr string) bool {
	for _, b := range bs {
		if b.Address == addr {
			return true
		}
	}
	return false
}

func (mg *merger) aliased(addr string) string {
	if a := mg.alias[addr]; a != "" {
		return a
	}
	return addr
}

// targets resolves a control's or acceptance's `on` list: declaration addresses as
// written, Terraform addresses to the component that stands for them.
func (mg *merger) targets(d *tmdsl.Decl) []string {
	var out []string
	for _, r := range d.Refs["on"] {
		if r.Kind != tmdsl.RefKindTerraform {
			if r.Resolved {
				out = append(out, r.Address)
			}
			continue
		}
		out = append(out, r.Address)
		for _, x := range mg.claim(r) {
			if c := mg.inf.comp[x]; c != nil {
				out = append(out, mg.aliased(c.Address))
			}
		}
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// aggregate gives a declared component the facts of the resources it claims: exposed
// if any is, unencrypted if any is, protected only if all are.
func aggregate(c *model.Component, parts []*model.Component) {
	worst := func(get func(*model.Component) model.Tri, fact string) model.Tri {
		out := model.Unknown
		for _, p := range parts {
			v := get(p)
			switch {
			case v == model.No:
				if ev, ok := p.Evidence[fact]; ok {
					c.Evidence[fact] = ev
				}
				return model.No
			case v == model.Yes:
				out = model.Yes
				if ev, ok := p.Evidence[fact]; ok {
					c.Evidence[fact] = ev
				}
			}
		}
		return out
	}
	for _, p := range parts {
		if c.Provider == "" {
			c.Provider = p.Provider
		}
		if p.InternetFacing {
			c.InternetFacing = true
			if _, ok := c.Evidence["internet_facing"]; !ok {
				c.Evidence["internet_facing"] = p.Evidence["internet_facing"]
			}
		}
		c.Guarded = c.Guarded || p.Guarded
		if _, ok := c.Evidence["component"]; !ok {
			if ev, ok := p.Evidence["component"]; ok {
				c.Evidence["component"] = ev
			}
		}
	}
	if len(parts) == 1 {
		// A fix inserts next to the one Terraform block behind the component.
		if ev, ok := parts[0].Evidence["block"]; ok {
			c.Evidence["block"] = ev
		}
	}
	c.EncryptedAtRest = worst(func(p *model.Component) model.Tri { return p.EncryptedAtRest }, "encrypted_at_rest")
	c.Backup = worst(func(p *model.Component) model.Tri { return p.Backup }, "backup")
	c.WAF = worst(func(p *model.Component) model.Tri { return p.WAF }, "waf")
	c.RateLimit = worst(func(p *model.Component) model.Tri { return p.RateLimit }, "rate_limit")
	c.AuditTrail = worst(func(p *model.Component) model.Tri { return p.AuditTrail }, "audit")
}

func (mg *merger) mergeFlows() {
	g := mg.g
	byKey := map[string]*model.Flow{}
	var flows []*model.Flow
	for _, f := range g.Flows {
		f.From, f.To = mg.aliased(f.From), mg.aliased(f.To)
		if f.From == f.To {
			continue
		}
		addr := f.From + "->" + f.To
		if f.Port > 0 {
			addr += fmt.Sprintf(":%d", f.Port)
		}
		f.Address, f.Name = addr, addr
		if prev := byKey[addr]; prev != nil {
			for _, v := range f.Via {
				if !contains(prev.Via, v) {
					prev.Via = append(prev.Via, v)
				}
			}
			continue
		}
		byKey[addr] = f
		flows = append(flows, f)
	}
	mg.inferredFlows = flows
	declaredPair := map[string]*model.Flow{}
	var decl []*model.Flow
	for _, d := range mg.dsl.Decls {
		if d.Kind != tmdsl.KindFlow {
			continue
		}
		f := &model.Flow{Element: declElement(d), From: ref1(d, "from"), To: ref1(d, "to"), Protocol: strings.ToLower(d.Str["protocol"]), Data: refAddrs(d, "data")}
		if p, ok := d.Num["port"]; ok {
			f.Port = int(p)
		}
		if v, ok := d.Bool["authenticated"]; ok {
			f.Authenticated = model.TriOf(v)
		}
		if v, ok := d.Bool["encrypted"]; ok {
			f.Encrypted = model.TriOf(v)
		} else if f.Protocol != "" || f.Port > 0 {
			_, f.Encrypted = mg.inf.transit(f.Protocol, f.Port, nil)
		}
		if f.From == "" || f.To == "" {
			continue
		}
		declaredPair[f.From+"->"+f.To] = f
		decl = append(decl, f)
	}
	var out []*model.Flow
	for _, f := range flows {
		if df := declaredPair[f.From+"->"+f.To]; df != nil {
			// What the declaration leaves open, the infrastructure says.
			if df.Protocol == "" {
				df.Protocol = f.Protocol
			}
			if df.Port == 0 {
				df.Port = f.Port
			}
			if df.Encrypted == model.Unknown {
				df.Encrypted = f.Encrypted
			}
			if df.Authenticated == model.Unknown {
				df.Authenticated = f.Authenticated
			}
			for _, v := range f.Via {
				if !contains(df.Via, v) {
					df.Via = append(df.Via, v)
				}
			}
			continue
		}
		out = append(out, f)
	}
	g.Flows = append(out, decl...)
}

// drift compares the declared model with the infrastructure.
func (mg *merger) drift(claimed map[*model.Resource]string) {
	g := mg.g
	if mg.ws == nil || !g.Declared {
		return
	}
	trust := map[string]string{}
	for _, b := range g.Boundaries {
		trust[b.Address] = b.Trust
	}
	untrustedActor := map[string]bool{}
	for _, a := range g.Actors {
		if trust[a.Boundary] == "untrusted" || a.Address == InternetActor {
			untrustedActor[a.Address] = true
		}
	}
	comps := map[string]*model.Component{}
	for _, c := range g.Components {
		comps[c.Address] = c
	}
	allowed := func(from, to string) bool {
		for _, f := range mg.inferredFlows {
			if f.To == to && (f.From == from || untrustedActor[from] && f.From == InternetActor) {
				return true
			}
		}
		return false
	}
	declaredFlow := map[string]bool{}
	for _, f := range g.Flows {
		if f.Origin != model.Declared {
			continue
		}
		declaredFlow[f.From+"->"+f.To] = true
		if untrustedActor[f.From] {
			declaredFlow["untrusted->"+f.To] = true
		}
		d := mg.dsl.Lookup(f.Address)
		if d == nil || d.Imported {
			continue
		}
		to := comps[f.To]
		if to == nil || !to.Guarded || allowed(f.From, f.To) {
			continue
		}
		mg.diag(model.SeverityMedium, f.File, f.Range, "drift-flow-not-allowed",
			fmt.Sprintf("%s: the network rules do not allow %s to reach %s", f.Address, f.From, f.To),
			"No security group rule (or listener, integration, grant) lets this flow happen. Either the model is out of date or the infrastructure is missing a rule.")
	}
	// Inferred exposure and datastores the model does not mention.
	for _, c := range g.Components {
		if c.Origin != model.Inferred || !(c.InternetFacing || c.Kind == "datastore") {
			continue
		}
		what := "a datastore"
		if c.InternetFacing {
			what = "an internet-facing " + c.Kind
		}
		mg.diag(model.SeverityLow, c.File, c.Range, "drift-unmodeled",
			fmt.Sprintf("%s is %s the threat model does not mention", c.Address, what),
			"Claim it in a component's `terraform` list (or add a component for it) so that its threats and data are modelled.")
	}
	kept := map[*model.Flow]bool{}
	for _, f := range g.Flows {
		kept[f] = true
	}
	for _, f := range mg.inferredFlows {
		if !kept[f] {
			continue
		}
		fromDeclared := comps[f.From] != nil && comps[f.From].Origin == model.Declared || f.From == InternetActor
		to := comps[f.To]
		if !fromDeclared || to == nil || to.Origin != model.Declared {
			continue
		}
		if f.From == InternetActor {
			if declaredFlow["untrusted->"+f.To] {
				continue
			}
		} else if declaredFlow[f.From+"->"+f.To] || declaredFlow[f.To+"->"+f.From] {
			continue
		}
		mg.diag(model.SeverityLow, f.File, f.Range, "drift-unmodeled-flow",
			fmt.Sprintf("the infrastructure lets %s reach %s (%s), a flow the threat model does not declare", f.From, f.To, describeFlow(f)),
			"Declare the flow (with its data, authentication and encryption) or remove the rule that allows it.")
	}
}

func describeFlow(f *model.Flow) string {
	s := strings.ToUpper(f.Protocol)
	if f.Port > 0 {
		s += fmt.Sprintf(" %d", f.Port)
	}
	return strings.TrimSpace(s)
}

// finish sorts every slice of the graph so that output is deterministic.
func finish(g *model.Graph) {
	sort.Slice(g.Boundaries, func(i, j int) bool { return g.Boundaries[i].Address < g.Boundaries[j].Address })
	sort.Slice(g.Actors, func(i, j int) bool { return g.Actors[i].Address < g.Actors[j].Address })
	sort.Slice(g.Data, func(i, j int) bool { return g.Data[i].Address < g.Data[j].Address })
	sort.Slice(g.Components, func(i, j int) bool { return g.Components[i].Address < g.Components[j].Address })
	sort.Slice(g.Flows, func(i, j int) bool { return g.Flows[i].Address < g.Flows[j].Address })
	sort.Slice(g.Controls, func(i, j int) bool { return g.Controls[i].Address < g.Controls[j].Address })
	sort.Slice(g.Acceptances, func(i, j int) bool { return g.Acceptances[i].Address < g.Acceptances[j].Address })
	for _, c := range g.Components {
		sort.Strings(c.Stores)
		sort.Strings(c.Processes)
	}
	for _, f := range g.Flows {
		sort.Strings(f.Via)
		sort.Strings(f.Data)
	}
}

func sortDiags(ds []model.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Range.Start.Byte != b.Range.Start.Byte {
			return a.Range.Start.Byte < b.Range.Start.Byte
		}
		return a.Summary < b.Summary
	})
}
