package graph

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/zclconf/go-cty/cty"
)

// Addresses of the elements every inferred graph may hold.
const (
	InternetActor    = "actor.internet"
	InternetBoundary = "boundary.internet"
)

// computeKinds start flows to the things they reference or are granted.
var computeKinds = map[string]bool{"function": true, "compute": true, "service": true, "ml-model": true}

// dataKinds receive flows from compute that references them.
var dataKinds = map[string]bool{"datastore": true, "queue": true, "secret": true}

// entryKinds are components whose internet exposure a WAF or throttling should guard.
var entryKinds = map[string]bool{"load-balancer": true, "gateway": true, "cdn": true}

// inferrer derives the graph from the Terraform resources.
type inferrer struct {
	ws    *terraform.Workspace
	m     *Mapping
	g     *model.Graph
	diags []model.Diagnostic

	byBase map[string][]*model.Resource // root \x00 base address
	out    map[*model.Resource][]*model.Resource
	in     map[*model.Resource][]*model.Resource
	// outAt holds the outgoing references per attribute path.
	outAt map[*model.Resource]map[string][]*model.Resource

	comp      map[*model.Resource]*model.Component
	compMap   map[*model.Resource]*ComponentMap
	bound     map[*model.Resource]*model.Boundary
	provBound map[string]*model.Boundary
	flows     map[string]*model.Flow
	pairs     map[string]bool // from \x00 to of every flow
	// guardsOf lists the security groups (or NSGs) attached to a component resource.
	guardsOf map[*model.Resource][]*model.Resource
}

func key(r *model.Resource) string {
	if r.Root == "." || r.Root == "" {
		return r.Address
	}
	return r.Root + ":" + r.Address
}

func loc(r *model.Resource, p string) (string, hcl.Range) {
	if l, ok := r.Paths[p]; ok && p != "" {
		return r.File, l.Range
	}
	return r.File, r.DeclRange
}

func infer(ws *terraform.Workspace, m *Mapping) (*model.Graph, *inferrer) {
	in := &inferrer{
		ws: ws, m: m, g: &model.Graph{},
		byBase: map[string][]*model.Resource{}, out: map[*model.Resource][]*model.Resource{}, in: map[*model.Resource][]*model.Resource{},
		outAt: map[*model.Resource]map[string][]*model.Resource{},
		comp:  map[*model.Resource]*model.Component{}, compMap: map[*model.Resource]*ComponentMap{}, bound: map[*model.Resource]*model.Boundary{},
		provBound: map[string]*model.Boundary{}, flows: map[string]*model.Flow{}, pairs: map[string]bool{}, guardsOf: map[*model.Resource][]*model.Resource{},
	}
	if ws == nil {
		return in.g, in
	}
	in.index()
	in.boundaries()
	in.components()
	in.exposures()
	in.connectorFlows()
	in.sgFlows()
	in.firewallFlows()
	in.grantFlows()
	in.refFlows()
	in.exposureFlows()
	return in.g, in
}

// lookup resolves an address in a root to its instances.
func (in *inferrer) lookup(root, addr string) []*model.Resource {
	if r := in.ws.Lookup(root, addr); r != nil {
		return []*model.Resource{r}
	}
	return in.byBase[root+"\x00"+addr]
}

func (in *inferrer) index() {
	for _, r := range in.ws.Resources {
		k := r.Root + "\x00" + r.BaseAddress
		in.byBase[k] = append(in.byBase[k], r)
	}
	for _, r := range in.ws.Resources {
		seen := map[*model.Resource]bool{}
		for _, ref := range r.Refs {
			for _, t := range in.lookup(r.Root, ref.To) {
				in.link(r, t, ref.From, seen)
			}
		}
	}
}

func (in *inferrer) link(r, t *model.Resource, from string, seen map[*model.Resource]bool) {
	if t == r {
		return
	}
	if in.outAt[r] == nil {
		in.outAt[r] = map[string][]*model.Resource{}
	}
	in.outAt[r][from] = append(in.outAt[r][from], t)
	if seen[t] {
		return
	}
	seen[t] = true
	in.out[r] = append(in.out[r], t)
	in.in[t] = append(in.in[t], r)
}

func (in *inferrer) outputTargets(root, prefix, name string) []*model.Resource {
	dir := ""
	for _, r := range in.ws.Resources {
		if r.Root == root && (r.Module == prefix || strings.HasPrefix(r.Module, prefix+"[")) {
			dir = path.Dir(r.File)
			prefix = r.Module
			break
		}
	}
	if dir == "" {
		return nil
	}
	var out []*model.Resource
	for p, f := range in.ws.Files {
		if path.Dir(p) != dir {
			continue
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type != "output" || len(b.Labels) != 1 || b.Labels[0] != name || b.Body.Attributes["value"] == nil {
				continue
			}
			for _, t := range b.Body.Attributes["value"].Expr.Variables() {
				parts := []string{t.RootName()}
				for _, s := range t[1:] {
					if a, ok := s.(hcl.TraverseAttr); ok {
						parts = append(parts, a.Name)
					}
				}
				if len(parts) < 2 || parts[0] == "var" || parts[0] == "local" || parts[0] == "module" {
					continue
				}
				addr := parts[0] + "." + parts[1]
				if parts[0] == "data" && len(parts) > 2 {
					addr = "data." + parts[1] + "." + parts[2]
				}
				out = append(out, in.lookup(root, prefix+"."+addr)...)
			}
		}
	}
	return out
}

// refsAt returns the resources referenced from attribute path p (and anything
// below it) of r.
func (in *inferrer) refsAt(r *model.Resource, p string) []*model.Resource {
	var out []*model.Resource
	seen := map[*model.Resource]bool{}
	for from, ts := range in.outAt[r] {
		if from == p || strings.HasPrefix(from, p+".") || (strings.HasPrefix(p, from+".") && !strings.Contains(strings.TrimPrefix(p, from+"."), ".")) {
			for _, t := range ts {
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
			}
		}
	}
	// Paths of nested blocks may be written without the index ("default_action.target_group_arn").
	if len(out) == 0 && strings.Contains(p, ".0.") {
		return in.refsAt(r, strings.Replace(p, ".0.", ".", 1))
	}
	sortRes(out)
	return out
}

func sortRes(rs []*model.Resource) {
	sort.Slice(rs, func(i, j int) bool { return key(rs[i]) < key(rs[j]) })
}

func (in *inferrer) boundaries() {
	for _, r := range in.ws.Resources {
		bm := in.m.Boundaries[r.Type]
		if bm == nil || r.Mode != model.Managed {
			continue
		}
		b := &model.Boundary{Element: element(r, model.Inferred), Trust: bm.Trust}
		in.bound[r] = b
		in.g.Boundaries = append(in.g.Boundaries, b)
	}
}

func element(r *model.Resource, o model.Origin) model.Element {
	return model.Element{Address: key(r), Name: r.Name, Origin: o, File: r.File, Range: r.DeclRange, Terraform: []string{r.Address}, Root: r.Root}
}

// providerBoundary is the boundary of managed services of a provider account.
func (in *inferrer) providerBoundary(prov string) *model.Boundary {
	if prov == "" {
		prov = "cloud"
	}
	if b := in.provBound[prov]; b != nil {
		return b
	}
	names := map[string]string{"aws": "AWS account", "azure": "Azure subscription", "google": "Google Cloud project"}
	b := &model.Boundary{Element: model.Element{Address: "boundary." + prov, Name: names[prov], Origin: model.Inferred}, Trust: "trusted"}
	if b.Name == "" {
		b.Name = prov
	}
	in.provBound[prov] = b
	in.g.Boundaries = append(in.g.Boundaries, b)
	return b
}

func (in *inferrer) internet() {
	for _, a := range in.g.Actors {
		if a.Address == InternetActor {
			return
		}
	}
	in.g.Boundaries = append(in.g.Boundaries, &model.Boundary{Element: model.Element{Address: InternetBoundary, Name: "Internet", Origin: model.Inferred}, Trust: "untrusted"})
	in.g.Actors = append(in.g.Actors, &model.Actor{Element: model.Element{Address: InternetActor, Name: "Internet", Origin: model.Inferred}, Boundary: InternetBoundary})
}

// closure walks outgoing references from r up to depth steps, through resources for
// which pass is true, calling visit on each resource reached.
func (in *inferrer) closure(r *model.Resource, depth int, pass func(*model.Resource) bool, visit func(*model.Resource)) {
	seen := map[*model.Resource]bool{r: true}
	frontier := []*model.Resource{r}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []*model.Resource
		for _, x := range frontier {
			for _, t := range in.out[x] {
				if seen[t] {
					continue
				}
				seen[t] = true
				visit(t)
				if pass(t) {
					next = append(next, t)
				}
			}
		}
		frontier = next
	}
}

func (in *inferrer) components() {
	rootBounds := map[string][]*model.Boundary{}
	for r, b := range in.bound {
		rootBounds[r.Root] = append(rootBounds[r.Root], b)
	}
	audit := map[string]bool{} // root \x00 provider
	for _, r := range in.ws.Resources {
		for name, p := range in.m.Providers {
			for _, t := range p.Audit {
				if r.Type == t {
					audit[r.Root+"\x00"+name] = true
				}
			}
		}
	}
	guardTypes, guardLinks := map[string]bool{}, map[string]bool{}
	for _, p := range in.m.Providers {
		for _, t := range p.Guards {
			guardTypes[t] = true
		}
		for _, t := range p.GuardLinks {
			guardLinks[t] = true
		}
	}
	for _, r := range in.ws.Resources {
		cm := in.m.Components[r.Type]
		if cm == nil || r.Mode != model.Managed || r.JoinedTo != "" {
			continue
		}
		c := &model.Component{Element: element(r, model.Inferred), Kind: cm.Kind, Provider: providerOf(r.Type), Evidence: map[string]model.Related{}}
		in.comp[r] = c
		in.compMap[r] = cm
		// Boundary and exposure from the network resources the component reaches.
		var bound *model.Boundary
		publicSubnet := false
		in.closure(r, 3, func(x *model.Resource) bool {
			return in.m.Networks[x.Type] != nil || x.Type == "aws_launch_template" || x.Type == "aws_launch_configuration" || x.Type == "aws_network_interface"
		}, func(x *model.Resource) {
			if b := in.bound[x]; b != nil && (bound == nil || b.Address < bound.Address) {
				bound = b
			}
			if nm := in.m.Networks[x.Type]; nm != nil && nm.Public != "" && truth(attrAt(x.Attrs, nm.Public), model.No) == model.Yes {
				publicSubnet = true
			}
			if guardTypes[x.Type] {
				in.guardsOf[r] = append(in.guardsOf[r], x)
			}
			// A guard attached to a network the component is in (an NSG associated
			// with its subnet).
			for _, link := range in.in[x] {
				if !guardLinks[link.Type] {
					continue
				}
				for _, gd := range in.out[link] {
					if guardTypes[gd.Type] && !containsRes(in.guardsOf[r], gd) {
						in.guardsOf[r] = append(in.guardsOf[r], gd)
					}
				}
			}
		})
		if bound == nil && cm.Network && len(rootBounds[r.Root]) == 1 {
			bound = rootBounds[r.Root][0]
		}
		if bound == nil {
			bound = in.providerBoundary(c.Provider)
		}
		c.Boundary = bound.Address
		c.Guarded = len(in.guardsOf[r]) > 0
		sortRes(in.guardsOf[r])
		in.facts(r, cm, c, publicSubnet, audit[r.Root+"\x00"+c.Provider])
		in.g.Components = append(in.g.Components, c)
	}
}

func (in *inferrer) evidence(c *model.Component, fact string, r *model.Resource, p, msg string) {
	f, rng := loc(r, p)
	c.Evidence[fact] = model.Related{Message: msg, File: f, Range: rng}
}

func (in *inferrer) facts(r *model.Resource, cm *ComponentMap, c *model.Component, publicSubnet, audit bool) {
	// Internet exposure.
	switch {
	case cm.PublicAlways:
		c.InternetFacing = true
		in.evidence(c, "internet_facing", r, "", r.Type+" is reachable from the internet")
	case cm.PublicUnless != "":
		v := attrAt(r.Attrs, cm.PublicUnless)
		if truth(v, model.No) == model.No {
			c.InternetFacing = true
			in.evidence(c, "internet_facing", r, cm.PublicUnless, cm.PublicUnless+" is not true: internet-facing")
		}
	case cm.Public != "":
		v := attrAt(r.Attrs, cm.Public)
		pub := truth(v, model.TriOf(cm.PublicDefault))
		if len(cm.PublicIfIn) > 0 {
			pub = model.TriOf(contains(cm.PublicIfIn, str(v)))
		}
		if pub == model.Yes {
			c.InternetFacing = true
			in.evidence(c, "internet_facing", r, cm.Public, cm.Public+" makes it reachable from the internet")
		}
	}
	if publicSubnet && c.Kind == "compute" && !c.InternetFacing {
		c.InternetFacing = true
		in.evidence(c, "internet_facing", r, "", "placed in a subnet that assigns public IPs")
	}
	// Encryption at rest.
	if cm.Encrypted != "" || cm.EncryptedDefault != nil {
		def := model.Unknown
		if cm.EncryptedDefault != nil {
			def = model.TriOf(*cm.EncryptedDefault)
		} else if cm.Encrypted != "" {
			def = model.No
		}
		c.EncryptedAtRest = truth(attrAt(r.Attrs, cm.Encrypted), def)
		in.evidence(c, "encrypted_at_rest", r, cm.Encrypted, "encryption at rest: "+c.EncryptedAtRest.String())
	}
	prov := in.m.Providers[c.Provider]
	// Backups: a backup selection naming the resource, else its own attribute.
	if c.Kind == "datastore" && (cm.Backup != "" || cm.BackupDefault != nil) {
		def := model.No
		if cm.BackupDefault != nil {
			def = model.TriOf(*cm.BackupDefault)
		}
		c.Backup = truth(attrAt(r.Attrs, cm.Backup), def)
		in.evidence(c, "backup", r, cm.Backup, "backups: "+c.Backup.String())
		if prov != nil && in.linked(r, prov.Backup) != nil {
			c.Backup = model.Yes
		}
	}
	// WAF and rate limiting on entry points.
	if entryKinds[c.Kind] && c.InternetFacing {
		c.WAF = model.No
		if cm.WAF != "" {
			c.WAF = truth(attrAt(r.Attrs, cm.WAF), model.No)
		}
		if prov != nil {
			if x := in.linked(r, prov.WAF); x != nil {
				c.WAF = model.Yes
			}
			c.RateLimit = model.No
			if x := in.linked(r, prov.RateLimit); x != nil {
				c.RateLimit = model.Yes
			}
		}
		in.evidence(c, "waf", r, cm.WAF, "web application firewall: "+c.WAF.String())
	}
	if prov != nil && len(prov.Audit) > 0 {
		c.AuditTrail = model.TriOf(audit)
	}
	in.evidence(c, "component", r, "", "")
	c.Evidence["block"] = model.Related{Message: r.Address, File: r.File, Range: r.BodyRange}
}

// linked returns a resource of one of types that references r (or that r references).
func (in *inferrer) linked(r *model.Resource, types []string) *model.Resource {
	for _, x := range append(append([]*model.Resource{}, in.in[r]...), in.out[r]...) {
		if contains(types, x.Type) {
			return x
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// transit decides the protocol name and encryption of a flow from what is known:
// an explicit protocol, else the port, else how the target component is reached.
func (in *inferrer) transit(proto string, port int, target *ComponentMap) (string, model.Tri) {
	proto = strings.ToLower(proto)
	if proto == "-1" || proto == "all" {
		proto = "any"
	}
	if p := in.m.Protocols[proto]; p != nil && p.Encrypted != nil {
		return proto, model.TriOf(*p.Encrypted)
	}
	if p := in.m.Ports[port]; p != nil {
		if proto == "" || proto == "tcp" || proto == "any" {
			proto = p.Protocol
		}
		if p.Encrypted != nil {
			return proto, model.TriOf(*p.Encrypted)
		}
	}
	if target != nil && (port == 0 || port == target.Port) {
		if proto == "" || proto == "tcp" {
			if target.Protocol != "" {
				proto = target.Protocol
			}
		}
		switch target.Transit {
		case "tls":
			return proto, model.Yes
		case "plain":
			return proto, model.No
		}
	}
	if proto == "" {
		proto = "tcp"
	}
	return proto, model.Unknown
}

// addFlow records an inferred flow once per (from, to, port).
func (in *inferrer) addFlow(from, to string, port int, proto string, enc, auth model.Tri, via *model.Resource, viaPath string) *model.Flow {
	addr := from + "->" + to
	if port > 0 {
		addr += fmt.Sprintf(":%d", port)
	}
	if f := in.flows[addr]; f != nil {
		if via != nil && !contains(f.Via, via.Address) {
			f.Via = append(f.Via, via.Address)
		}
		// One unauthenticated way in makes the flow unauthenticated.
		if auth == model.No || f.Authenticated == model.Unknown {
			f.Authenticated = auth
		}
		return f
	}
	f := &model.Flow{Element: model.Element{Address: addr, Name: addr, Origin: model.Inferred}, From: from, To: to, Port: port, Protocol: proto, Encrypted: enc, Authenticated: auth}
	if via != nil {
		f.File, f.Range = loc(via, viaPath)
		f.Via = []string{via.Address}
		f.Terraform = []string{via.Address}
		f.Root = via.Root
	}
	if from == InternetActor {
		in.internet()
	}
	in.flows[addr] = f
	in.pairs[from+"\x00"+to] = true
	in.g.Flows = append(in.g.Flows, f)
	return f
}

// ingressRule is one rule that lets traffic into a security group.
type ingressRule struct {
	sg       *model.Resource
	public   bool
	sources  []*model.Resource // source security groups
	from, to int
	proto    string
	via      *model.Resource
	path     string
}

func (in *inferrer) ingressRules() []ingressRule {
	var out []ingressRule
	for _, r := range in.ws.Resources {
		switch r.Type {
		case "aws_security_group":
			blocks := attrAt(r.Attrs, "ingress")
			if blocks == cty.NilVal || !blocks.IsKnown() || !(blocks.Type().IsListType() || blocks.Type().IsTupleType()) {
				continue
			}
			for i := 0; i < blocks.LengthInt(); i++ {
				p := fmt.Sprintf("ingress.%d", i)
				rule := ingressRule{sg: r, via: r, path: p, from: num(attrAt(r.Attrs, p+".from_port")), to: num(attrAt(r.Attrs, p+".to_port")), proto: str(attrAt(r.Attrs, p+".protocol"))}
				for _, c := range append(strs(attrAt(r.Attrs, p+".cidr_blocks")), strs(attrAt(r.Attrs, p+".ipv6_cidr_blocks"))...) {
					rule.public = rule.public || publicCIDR(c)
				}
				rule.sources = in.refsAt(r, p+".security_groups")
				out = append(out, rule)
			}
		case "aws_security_group_rule":
			if str(attrAt(r.Attrs, "type")) != "ingress" {
				continue
			}
			for _, sg := range in.refsAt(r, "security_group_id") {
				rule := ingressRule{sg: sg, via: r, from: num(attrAt(r.Attrs, "from_port")), to: num(attrAt(r.Attrs, "to_port")), proto: str(attrAt(r.Attrs, "protocol"))}
				for _, c := range append(strs(attrAt(r.Attrs, "cidr_blocks")), strs(attrAt(r.Attrs, "ipv6_cidr_blocks"))...) {
					rule.public = rule.public || publicCIDR(c)
				}
				rule.sources = in.refsAt(r, "source_security_group_id")
				out = append(out, rule)
			}
		case "azurerm_network_security_group":
			blocks := attrAt(r.Attrs, "security_rule")
			if blocks == cty.NilVal || !blocks.IsKnown() || !(blocks.Type().IsListType() || blocks.Type().IsTupleType()) {
				continue
			}
			for i := 0; i < blocks.LengthInt(); i++ {
				p := fmt.Sprintf("security_rule.%d", i)
				out = append(out, nsgRule(r, r, p, attrAt(r.Attrs, p))...)
			}
		case "azurerm_network_security_rule":
			for _, nsg := range in.refsAt(r, "network_security_group_name") {
				out = append(out, nsgRule(nsg, r, "", r.Attrs)...)
			}
		case "aws_vpc_security_group_ingress_rule":
			for _, sg := range in.refsAt(r, "security_group_id") {
				rule := ingressRule{sg: sg, via: r, from: num(attrAt(r.Attrs, "from_port")), to: num(attrAt(r.Attrs, "to_port")), proto: str(attrAt(r.Attrs, "ip_protocol"))}
				rule.public = publicCIDR(str(attrAt(r.Attrs, "cidr_ipv4"))) || publicCIDR(str(attrAt(r.Attrs, "cidr_ipv6")))
				rule.sources = in.refsAt(r, "referenced_security_group_id")
				out = append(out, rule)
			}
		}
	}
	return out
}

// sgFlows turns security group ingress rules into flows: from the internet to the
// internet-facing components behind the group, and between components whose groups
// allow each other.
func (in *inferrer) sgFlows() {
	attached := map[*model.Resource][]*model.Resource{} // sg → component resources
	for r, sgs := range in.guardsOf {
		for _, sg := range sgs {
			attached[sg] = append(attached[sg], r)
		}
	}
	for _, rs := range attached {
		sortRes(rs)
	}
	for _, rule := range in.ingressRules() {
		port := rule.from
		if rule.from != rule.to || rule.from <= 0 {
			port = 0
		}
		for _, t := range attached[rule.sg] {
			tc := in.comp[t]
			proto, enc := in.transit(rule.proto, port, in.compMap[t])
			if rule.public && tc.InternetFacing {
				in.addFlow(InternetActor, tc.Address, port, proto, enc, model.Unknown, rule.via, rule.path)
			}
			for _, src := range rule.sources {
				for _, s := range attached[src] {
					if s != t {
						in.addFlow(in.comp[s].Address, tc.Address, port, proto, enc, model.Unknown, rule.via, rule.path)
					}
				}
			}
		}
	}
}

// resolveComp maps a connector endpoint to components: the component itself, else
// the components directly linked to it (a target group → the group's instances).
func (in *inferrer) resolveComp(x *model.Resource, exclude *model.Resource) []*model.Resource {
	if in.comp[x] != nil {
		return []*model.Resource{x}
	}
	var out []*model.Resource
	for _, n := range append(append([]*model.Resource{}, in.in[x]...), in.out[x]...) {
		if n != exclude && in.comp[n] != nil && in.m.Connectors[n.Type] == nil {
			out = append(out, n)
		}
	}
	sortRes(out)
	return out
}

func (in *inferrer) connectorFlows() {
	for _, r := range in.ws.Resources {
		cn := in.m.Connectors[r.Type]
		if cn == nil {
			continue
		}
		proto := cn.Protocol
		if cn.ProtocolAttr != "" {
			if p := str(attrAt(r.Attrs, cn.ProtocolAttr)); p != "" {
				proto = p
			}
		}
		port := 0
		if cn.PortAttr != "" {
			port = max(num(attrAt(r.Attrs, cn.PortAttr)), 0)
		}
		var froms []*model.Resource
		for _, x := range in.refsAt(r, cn.From) {
			froms = append(froms, in.resolveComp(x, r)...)
		}
		for _, fx := range froms {
			fc := in.comp[fx]
			if cn.Entry && fc.InternetFacing {
				p, enc := in.transit(proto, port, nil)
				in.addFlow(InternetActor, fc.Address, port, p, enc, model.Unknown, r, cn.ProtocolAttr)
			}
			for _, tx := range in.refsAt(r, cn.To) {
				// The hop behind a target group speaks the group's protocol and port.
				hopProto, hopPort := proto, port
				if in.comp[tx] == nil && cn.Entry {
					hopProto, hopPort = str(attrAt(tx.Attrs, "protocol")), max(num(attrAt(tx.Attrs, "port")), 0)
				}
				for _, t := range in.resolveComp(tx, r) {
					if t == fx {
						continue
					}
					p, enc := in.transit(hopProto, hopPort, in.compMap[t])
					auth := model.Unknown
					if strings.HasSuffix(p, "-api") {
						auth = model.Yes
					}
					in.addFlow(fc.Address, in.comp[t].Address, hopPort, p, enc, auth, r, cn.To)
				}
			}
		}
	}
}

// principalAttrs are the attributes by which a grant names who receives it.
var principalAttrs = map[string]bool{"role": true, "roles": true, "principal_id": true, "member": true, "members": true, "users": true, "groups": true}

// grantFlows follows identities: a function's role, the policies attached to the
// role, and the resources those policies name become flows from the function.
func (in *inferrer) grantFlows() {
	for _, r := range in.ws.Resources {
		c := in.comp[r]
		if c == nil || !computeKinds[c.Kind] {
			continue
		}
		prov := in.m.Providers[c.Provider]
		if prov == nil {
			continue
		}
		principals := []*model.Resource{r}
		in.closure(r, 2, func(x *model.Resource) bool { return contains(prov.Identities, x.Type) }, func(x *model.Resource) {
			if contains(prov.Identities, x.Type) {
				principals = append(principals, x)
			}
		})
		grants := map[*model.Resource]bool{}
		var queue []*model.Resource
		for _, p := range principals {
			for _, g := range in.in[p] {
				if !contains(prov.Grants, g.Type) || grants[g] {
					continue
				}
				for attr, ts := range in.outAt[g] {
					if principalAttrs[strings.SplitN(attr, ".", 2)[0]] && containsRes(ts, p) {
						grants[g] = true
						queue = append(queue, g)
						break
					}
				}
			}
		}
		for len(queue) > 0 {
			g := queue[0]
			queue = queue[1:]
			for attr, ts := range in.outAt[g] {
				if principalAttrs[strings.SplitN(attr, ".", 2)[0]] {
					continue
				}
				for _, t := range ts {
					if contains(prov.Grants, t.Type) && !grants[t] {
						grants[t] = true
						queue = append(queue, t)
					}
				}
			}
		}
		var targets []*model.Resource
		for g := range grants {
			for attr, ts := range in.outAt[g] {
				if principalAttrs[strings.SplitN(attr, ".", 2)[0]] {
					continue
				}
				for _, t := range ts {
					if in.comp[t] != nil && t != r {
						targets = append(targets, t)
					}
				}
			}
		}
		sortRes(targets)
		api := map[string]string{"aws": "aws-api", "azure": "azure-api", "google": "gcp-api"}[c.Provider]
		for _, t := range targets {
			via := t
			for g := range grants {
				if containsRes(in.out[g], t) && (via == t || g.Address < via.Address) {
					via = g
				}
			}
			in.addFlow(c.Address, in.comp[t].Address, 443, api, model.Yes, model.Yes, via, "")
		}
	}
}

func containsRes(rs []*model.Resource, r *model.Resource) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// refFlows: compute that references a datastore, queue or secret (an environment
// variable naming a table) talks to it.
func (in *inferrer) refFlows() {
	for _, r := range in.ws.Resources {
		c := in.comp[r]
		if c == nil || !computeKinds[c.Kind] {
			continue
		}
		targets := append([]*model.Resource{}, in.out[r]...)
		sortRes(targets)
		for _, t := range targets {
			tc := in.comp[t]
			if tc == nil || !dataKinds[tc.Kind] {
				continue
			}
			if in.pairs[c.Address+"\x00"+tc.Address] {
				continue
			}
			tm := in.compMap[t]
			proto, enc := in.transit(tm.Protocol, tm.Port, tm)
			auth := model.Unknown
			if strings.HasSuffix(proto, "-api") || tm.Protocol == "https" && c.Provider != "" {
				auth = model.Yes
			}
			p := ""
			for attr, ts := range in.outAt[r] {
				if containsRes(ts, t) && (p == "" || attr < p) {
					p = attr
				}
			}
			in.addFlow(c.Address, tc.Address, tm.Port, proto, enc, auth, r, p)
		}
	}
}

// exposureFlows: an internet-facing component no network rule guards, and that no
// other inference reached, is reached from the internet on its own protocol.
func (in *inferrer) exposureFlows() {
	reached := map[string]bool{}
	for _, f := range in.flows {
		if f.From == InternetActor {
			reached[f.To] = true
		}
	}
	for _, r := range in.ws.Resources {
		c := in.comp[r]
		if c == nil || !c.InternetFacing || reached[c.Address] || c.Guarded {
			continue
		}
		cm := in.compMap[r]
		proto, enc := in.transit(cm.Protocol, cm.Port, cm)
		ev := c.Evidence["internet_facing"]
		f := in.addFlow(InternetActor, c.Address, cm.Port, proto, enc, model.Unknown, r, "")
		f.File, f.Range = ev.File, ev.Range
	}
}

// exposures: function URLs and API routes open their component to the internet.
func (in *inferrer) exposures() {
	for _, r := range in.ws.Resources {
		ex := in.m.Exposures[r.Type]
		if ex == nil {
			continue
		}
		auth := model.Unknown
		if ex.Auth != "" {
			switch v := attrAt(r.Attrs, ex.Auth); {
			case v == cty.NilVal:
				auth = model.No // the provider default is no authorization
			case v.IsKnown() && !v.IsNull() && v.Type() == cty.String:
				auth = model.TriOf(!strings.EqualFold(v.AsString(), "NONE"))
			}
		}
		for _, x := range in.refsAt(r, ex.Target) {
			for _, t := range in.resolveComp(x, r) {
				c := in.comp[t]
				if !c.InternetFacing {
					c.InternetFacing = true
					in.evidence(c, "internet_facing", r, "", r.Type+" exposes it to the internet")
				}
				proto, enc := in.transit(ex.Protocol, ex.Port, in.compMap[t])
				in.addFlow(InternetActor, c.Address, ex.Port, proto, enc, auth, r, ex.Auth)
			}
		}
	}
}

// nsgRule reads an Azure security rule (inline block or resource): inbound allow
// rules become ingress rules of the NSG, one per destination port range.
func nsgRule(nsg, via *model.Resource, p string, v cty.Value) []ingressRule {
	if !strings.EqualFold(str(attrAt(v, "direction")), "Inbound") || !strings.EqualFold(str(attrAt(v, "access")), "Allow") {
		return nil
	}
	public := false
	for _, src := range append(strs(attrAt(v, "source_address_prefixes")), str(attrAt(v, "source_address_prefix"))) {
		public = public || publicCIDR(src)
	}
	ranges := append(strs(attrAt(v, "destination_port_ranges")), str(attrAt(v, "destination_port_range")))
	var out []ingressRule
	for _, pr := range ranges {
		if pr == "" {
			continue
		}
		from, to := portRange(pr)
		out = append(out, ingressRule{sg: nsg, public: public, from: from, to: to, proto: strings.ToLower(str(attrAt(v, "protocol"))), via: via, path: p})
	}
	return out
}

// portRange reads "443", "8000-8080" or "*".
func portRange(s string) (int, int) {
	if s == "*" {
		return 0, 65535
	}
	a, b, ok := strings.Cut(s, "-")
	from := num(cty.StringVal(strings.TrimSpace(a)))
	if !ok {
		return from, from
	}
	return from, num(cty.StringVal(strings.TrimSpace(b)))
}

// firewallFlows: GCP firewall rules open instances (by target tag, or all instances
// when the rule names none) to the internet on their allowed ports.
func (in *inferrer) firewallFlows() {
	// VPC networks deny ingress unless a firewall rule allows it.
	for _, t := range in.ws.Resources {
		if c := in.comp[t]; c != nil && c.Provider == "google" && c.Kind == "compute" {
			c.Guarded = true
		}
	}
	for _, r := range in.ws.Resources {
		if r.Type != "google_compute_firewall" {
			continue
		}
		if d := str(attrAt(r.Attrs, "direction")); d != "" && !strings.EqualFold(d, "INGRESS") {
			continue
		}
		public := false
		for _, s := range strs(attrAt(r.Attrs, "source_ranges")) {
			public = public || publicCIDR(s)
		}
		if !public {
			continue
		}
		tags := strs(attrAt(r.Attrs, "target_tags"))
		allows := attrAt(r.Attrs, "allow")
		if allows == cty.NilVal || !allows.IsKnown() || !(allows.Type().IsListType() || allows.Type().IsTupleType()) {
			continue
		}
		for _, t := range in.ws.Resources {
			c := in.comp[t]
			if c == nil || t.Root != r.Root || c.Provider != "google" || c.Kind != "compute" {
				continue
			}
			if len(tags) > 0 && !intersects(tags, strs(attrAt(t.Attrs, "tags"))) {
				continue
			}
			if !c.InternetFacing {
				continue
			}
			for i := 0; i < allows.LengthInt(); i++ {
				p := fmt.Sprintf("allow.%d", i)
				proto := str(attrAt(r.Attrs, p+".protocol"))
				ports := strs(attrAt(r.Attrs, p+".ports"))
				if len(ports) == 0 {
					ports = []string{"*"}
				}
				for _, pr := range ports {
					from, to := portRange(pr)
					port := from
					if from != to {
						port = 0
					}
					pn, enc := in.transit(proto, port, in.compMap[t])
					in.addFlow(InternetActor, c.Address, port, pn, enc, model.Unknown, r, p)
				}
			}
		}
	}
}
