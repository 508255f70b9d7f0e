package terraform

import (
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// maxInstances bounds count/for_each expansion of one block.
const maxInstances = 10000

// maxTotalInstances bounds the resource and module instances of one Load, so that
// nested count/for_each cannot multiply without end.
const maxTotalInstances = 100000

// maxModuleDepth bounds module nesting (and stops call cycles).
const maxModuleDepth = 32

// fileFuncs are the functions rootFuncs adds on top of baseFuncs.
var fileFuncs = []string{"file", "fileexists", "filebase64", "templatefile"}

// evaluate decodes every module directory, finds the root modules and evaluates
// each of them.
func (l *loader) evaluate(ws *Workspace) error {
	configs := map[string]*moduleConfig{}
	dirs := make([]string, 0, len(l.modDirs))
	for d := range l.modDirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		configs[d] = l.decode(d)
	}
	l.configs = configs
	called := map[string]bool{}
	for _, d := range dirs {
		for _, c := range configs[d].calls {
			if t, ok := localSource(d, c.source); ok && c.sourceIsLit && t != d {
				called[t] = true
			}
		}
	}
	base := baseFuncs()
	for _, name := range fileFuncs {
		base[name] = stubFunc // placeholders so that they are not reported as unknown
	}
	for _, d := range dirs {
		for _, hd := range configs[d].diags {
			if hd.Severity != hcl.DiagError || hd.Subject == nil {
				continue
			}
			code := "syntax"
			if c, ok := hd.Extra.(diagCode); ok {
				code = string(c)
			}
			l.diag(model.Diagnostic{Severity: model.SeverityHigh, File: hd.Subject.Filename, Range: *hd.Subject,
				Summary: hd.Summary, Detail: hd.Detail, Code: code})
		}
		for _, fc := range configs[d].fnCalls {
			if _, ok := base[fc.name]; ok && !strings.Contains(fc.name, "::") {
				continue
			}
			l.unknownFns[fc.name] = true
			l.diag(model.Diagnostic{Severity: model.SeverityInfo, File: fc.rng.Filename, Range: fc.rng,
				Summary: fmt.Sprintf("Function %s is not evaluated by tm-ls; its result is unknown", fc.name), Code: "unknown-function"})
		}
	}
	for name := range l.unknownFns {
		base[name] = stubFunc
	}
	for _, name := range fileFuncs {
		delete(base, name)
	}
	roots := rootDirs(dirs, configs, called, l.walked)
	// Root modules are independent: evaluate them on GOMAXPROCS goroutines.
	outs := make([][]*model.Resource, len(roots))
	states := make([]*rootState, len(roots))
	allDirs := strings.Join(dirs, "\x00")
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0) && w < len(roots); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if l.ctx.Err() != nil {
					continue
				}
				d := roots[i]
				if ps := l.reusable(d, allDirs); ps != nil {
					// Nothing this root read changed: its resources (the very same
					// values) and its diagnostics stand.
					for _, dg := range ps.diags {
						l.diag(dg)
					}
					outs[i], states[i] = ps.out, ps
					continue
				}
				re := &rootEval{l: l, root: d, abs: l.abs(d), manifest: l.manifests[d], deps: map[string]*moduleConfig{},
					prev: l.memoBase(d, allDirs), memo: map[string]*nodeMemo{}}
				re.funcs = rootFuncs(base, l.opts.Root, re.abs, l.opts.Overlays)
				re.run()
				if re.panicked || readsFiles(re.deps) {
					re.memo = nil
				}
				// The join writes into buckets and split resources: it gets copies, so
				// that the evaluated values the memo keeps stay as evaluated.
				cloneJoinable(re.out)
				joinS3(re.out)
				// Sorted per root here, so that a Load reusing most roots does not sort
				// every resource again (Load checks the concatenation is in order).
				sort.SliceStable(re.out, func(i, j int) bool { return re.out[i].Address < re.out[j].Address })
				outs[i] = re.out
				states[i] = &rootState{deps: re.deps, tfvars: l.tfvars[d], manifest: l.manifests[d], dirs: allDirs, out: re.out, diags: re.diags,
					memo: re.memo, varObj: re.varObj, unset: re.unset, byAddr: indexByAddress(re.out)}
			}
		}()
	}
	for i := range roots {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, out := range outs {
		ws.Resources = append(ws.Resources, out...)
	}
	ws.roots = map[string]*rootState{}
	for i, st := range states {
		if st != nil {
			ws.roots[roots[i]] = st
		}
	}
	if err := l.ctx.Err(); err != nil {
		return fmt.Errorf("terraform: load cancelled: %w", err)
	}
	return nil
}

// rootDirs returns the walked module directories that no other directory calls,
// plus any walked directory that no root reaches (modules calling each other in a
// cycle), so that every directory is evaluated at least once.
func rootDirs(dirs []string, configs map[string]*moduleConfig, called, walked map[string]bool) []string {
	var roots []string
	reached := map[string]bool{}
	var visit func(d string)
	visit = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		if cfg := configs[d]; cfg != nil {
			for _, c := range cfg.calls {
				if t, ok := localSource(d, c.source); ok && c.sourceIsLit {
					visit(t)
				}
			}
		}
	}
	for _, d := range dirs {
		if walked[d] && !called[d] {
			roots = append(roots, d)
			visit(d)
		}
	}
	for _, d := range dirs {
		if walked[d] && !reached[d] {
			roots = append(roots, d)
			visit(d)
		}
	}
	return roots
}

func (l *loader) abs(rel string) string {
	if rel == "." {
		return l.opts.Root
	}
	return l.opts.Root + "/" + rel
}

// rootEval evaluates one root module and everything it calls.
type rootEval struct {
	l        *loader
	root     string // rel dir
	abs      string
	manifest map[string]string
	funcs    map[string]function.Function
	out      []*model.Resource
	// deps records every module directory this root evaluated (itself included) and
	// diags the diagnostics its evaluation raised, so that a later Load can reuse
	// the root when none of them changed.
	deps  map[string]*moduleConfig
	diags []model.Diagnostic

	// prev is the previous evaluation of this root, whose blocks may be reused
	// (nodeMemo); memo records this evaluation's blocks for the next one (nil when
	// it must not be reused: a panic, or files read through file()).
	prev *rootState
	memo map[string]*nodeMemo
	// cfgLog lists the module directories evaluated, in order, and instances counts
	// the resource and module instances taken, so that a block's memo can say
	// which directories and how many instances its evaluation covered.
	cfgLog    []*moduleConfig
	instances int64
	panicked  bool
	// varObj and unset are the root instance's input variables, recorded for the
	// next evaluation: its blocks are reusable only under the same variables.
	varObj cty.Value
	unset  map[string]bool
}

// diag records a diagnostic of this root's evaluation.
func (re *rootEval) diag(d model.Diagnostic) {
	re.diags = append(re.diags, d)
	re.l.diag(d)
}

func (re *rootEval) run() {
	defer func() {
		if p := recover(); p != nil {
			re.panicked = true
			re.diag(model.Diagnostic{Severity: model.SeverityMedium, File: re.root, Code: "internal",
				Summary: fmt.Sprintf("Root module %s could not be fully evaluated (internal error: %v)", re.root, p), Detail: string(debug.Stack())})
		}
	}()
	cfg := re.l.configs[re.root]
	inputs := re.tfvars()
	in := re.newInstance(cfg, inputs, "", nil, nil, 0)
	in.startMemo()
	in.run()
}

// tfvars evaluates the root's tfvars files; later files win.
func (re *rootEval) tfvars() map[string]cty.Value {
	out := map[string]cty.Value{}
	ctx := &hcl.EvalContext{Functions: re.funcs}
	for _, f := range re.l.tfvars[re.root] {
		attrs, _ := f.Body.JustAttributes()
		for _, a := range sortedAttrs(attrs) {
			out[a.Name] = evalExpr(a.Expr, ctx)
		}
	}
	return out
}

// instance is one evaluation of a module directory: the root, or one instance of a
// module call.
type instance struct {
	re      *rootEval
	cfg     *moduleConfig
	prefix  string // "" or "module.a[0].module.b"
	calls   []model.ModuleCall
	keyPath []string // module call names for modules.json keys
	dirs    []string // module dirs on the chain (cycle guard)
	depth   int
	vars    map[string]cty.Value
	unset   map[string]bool
	varObj  cty.Value
	locals  map[string]cty.Value
	res     map[string]*resVal
	mods    map[string]cty.Value
	callDir map[string]string   // module call name → resolved module dir
	varRefs map[string][]string // input variable → addresses its caller's expression references
	state   map[string]uint8
	pathObj cty.Value

	// Block reuse, on the root instance only (see nodeMemo): oldMemo is the
	// previous evaluation's blocks, changed the keys whose value differs from it.
	record  bool
	oldMemo map[string]*nodeMemo
	changed map[string]bool
}

// resVal is a block's value as references see it.
type resVal struct {
	val   cty.Value
	shape int // shapeSingle, shapeCount, shapeForEach, shapeUnknown
}

const (
	shapeSingle = iota
	shapeCount
	shapeForEach
	shapeUnknown
)

const (
	stateBusy = 1
	stateDone = 2
)

func (re *rootEval) newInstance(cfg *moduleConfig, inputs map[string]cty.Value, prefix string, calls []model.ModuleCall, keyPath []string, depth int) *instance {
	if re.deps != nil {
		re.deps[cfg.dir] = cfg
	}
	re.cfgLog = append(re.cfgLog, cfg)
	in := &instance{
		re: re, cfg: cfg, prefix: prefix, calls: calls, keyPath: keyPath, depth: depth,
		vars: map[string]cty.Value{}, unset: map[string]bool{}, locals: map[string]cty.Value{},
		res: map[string]*resVal{}, mods: map[string]cty.Value{}, state: map[string]uint8{}, callDir: map[string]string{},
	}
	modRel := "."
	if cfg.dir != re.root {
		if rel, ok := relSlash(re.root, cfg.dir); ok {
			modRel = rel
		}
	}
	in.pathObj = cty.ObjectVal(map[string]cty.Value{
		"module": cty.StringVal(modRel), "root": cty.StringVal("."), "cwd": cty.StringVal(re.abs),
	})
	dctx := &hcl.EvalContext{Functions: re.funcs}
	for _, v := range cfg.vars {
		val, ok := inputs[v.name]
		if !ok || (val.IsKnown() && val.IsNull() && !v.nullable) {
			if v.def != nil {
				val = evalExpr(v.def, dctx)
			} else if !ok {
				val = cty.UnknownVal(v.ty)
				in.unset[v.name] = true
			}
		}
		val = coerceVar(v, val)
		in.vars[v.name] = val
	}
	in.varObj = cty.ObjectVal(in.vars)
	return in
}

func coerceVar(v *varDecl, val cty.Value) (out cty.Value) {
	defer func() {
		if recover() != nil {
			out = val
		}
	}()
	if v.defaults != nil && !val.IsNull() && val.IsWhollyKnown() {
		val = v.defaults.Apply(val)
	}
	if v.ty != cty.DynamicPseudoType && v.ty != cty.NilType {
		if cv, err := convert.Convert(val, v.ty); err == nil {
			return cv
		}
	}
	return val
}

func relSlash(from, to string) (string, bool) {
	if from == "." {
		return to, true
	}
	if strings.HasPrefix(to, from+"/") {
		return strings.TrimPrefix(to, from+"/"), true
	}
	// Walk up from `from` until a common prefix.
	up := ""
	for f := from; f != "." && f != "/"; f = path.Dir(f) {
		up += "../"
		if strings.HasPrefix(to, path.Dir(f)+"/") || path.Dir(f) == "." {
			rest := to
			if path.Dir(f) != "." {
				rest = strings.TrimPrefix(to, path.Dir(f)+"/")
			}
			return up + rest, true
		}
	}
	return "", false
}

// run evaluates every block of the module and returns its outputs as an object.
func (in *instance) run() cty.Value {
	for _, ld := range in.cfg.locals {
		in.node("local." + ld.name)
	}
	for _, c := range in.cfg.calls {
		in.node("module." + c.name)
	}
	for _, rd := range in.cfg.resources {
		in.node(rd.key)
	}
	outs := map[string]cty.Value{}
	for _, o := range in.cfg.outputs {
		for _, t := range o.travs {
			if k := in.depKey(t); k != "" {
				in.node(k)
			}
		}
		outs[o.name] = evalExpr(o.expr, in.ctxFor(o.travs))
	}
	return cty.ObjectVal(outs)
}

// node evaluates one named block after the blocks it depends on; a dependency cycle
// leaves the blocks on it unknown.
func (in *instance) node(key string) {
	if in.state[key] != 0 || in.re.l.ctx.Err() != nil {
		return
	}
	in.state[key] = stateBusy
	defer func() { in.state[key] = stateDone }()
	var travs []hcl.Traversal
	var eval func()
	var file *File
	switch {
	case strings.HasPrefix(key, "local."):
		ld := in.cfg.localBy[strings.TrimPrefix(key, "local.")]
		if ld == nil {
			return
		}
		travs, file = ld.travs, ld.file
		eval = func() { in.locals[ld.name] = evalValue(ld.expr, in.ctxFor(ld.travs)) }
	case strings.HasPrefix(key, "module."):
		c := in.cfg.callBy[strings.TrimPrefix(key, "module.")]
		if c == nil {
			return
		}
		travs, file = c.travs, c.file
		eval = func() { in.evalCall(c) }
	default:
		rd := in.cfg.resByKey[key]
		if rd == nil {
			return
		}
		travs, file = rd.travs, rd.file
		eval = func() { in.evalResource(rd) }
	}
	for _, t := range travs {
		if k := in.depKey(t); k != "" && k != key {
			in.node(k)
		}
	}
	if !in.record {
		eval()
		return
	}
	if !in.reuse(key, file) {
		in.evalRecorded(key, file, travs, eval)
	}
}

func attrStep(t hcl.Traversal, i int) string {
	if i < len(t) {
		if a, ok := t[i].(hcl.TraverseAttr); ok {
			return a.Name
		}
	}
	return ""
}

// depKey maps a traversal to the node it depends on ("" for none).
func (in *instance) depKey(t hcl.Traversal) string {
	switch root := t.RootName(); root {
	case "var", "each", "count", "path", "terraform", "self":
		return ""
	case "local":
		if n := attrStep(t, 1); n != "" && in.cfg.localBy[n] != nil {
			return "local." + n
		}
	case "module":
		if n := attrStep(t, 1); n != "" && in.cfg.callBy[n] != nil {
			return "module." + n
		}
	case "data":
		k := "data." + attrStep(t, 1) + "." + attrStep(t, 2)
		if in.cfg.resByKey[k] != nil {
			return k
		}
	default:
		k := root + "." + attrStep(t, 1)
		if in.cfg.resByKey[k] != nil {
			return k
		}
	}
	return ""
}

var terraformObj = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})

// accessed returns the attribute read right after a block reference that starts at
// step i (skipping one index step), or "".
func accessed(t hcl.Traversal, i int) string {
	if i < len(t) {
		if _, ok := t[i].(hcl.TraverseIndex); ok {
			i++
		}
	}
	return attrStep(t, i)
}

// ctxFor builds an evaluation context holding exactly the names these traversals use.
func (in *instance) ctxFor(travs []hcl.Traversal) *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var": in.varObj, "path": in.pathObj, "terraform": terraformObj, "self": cty.DynamicVal,
	}
	locals := map[string]cty.Value{}
	mods := map[string]cty.Value{}
	modNeed := map[string]map[string]bool{}
	data := map[string]map[string]cty.Value{}
	res := map[string]map[string]cty.Value{}
	need := map[string]map[string]bool{} // node key → attributes read
	for _, t := range travs {
		root := t.RootName()
		switch root {
		case "var", "path", "terraform", "self", "each", "count":
		case "local":
			if n := attrStep(t, 1); n != "" {
				if v, ok := in.locals[n]; ok {
					locals[n] = v
				} else {
					locals[n] = cty.DynamicVal
				}
			}
		case "module":
			n := attrStep(t, 1)
			if n == "" {
				continue
			}
			if modNeed[n] == nil {
				modNeed[n] = map[string]bool{}
			}
			if a := accessed(t, 2); a != "" {
				modNeed[n][a] = true
			}
		case "data":
			typ, name := attrStep(t, 1), attrStep(t, 2)
			if typ == "" || name == "" {
				continue
			}
			if data[typ] == nil {
				data[typ] = map[string]cty.Value{}
			}
			data[typ][name] = cty.NilVal
			k := "data." + typ + "." + name
			if need[k] == nil {
				need[k] = map[string]bool{}
			}
			if a := accessed(t, 3); a != "" {
				need[k][a] = true
			} else {
				addComputed(need[k])
			}
		default:
			name := attrStep(t, 1)
			if name == "" {
				if _, ok := vars[root]; !ok {
					vars[root] = cty.DynamicVal
				}
				continue
			}
			if res[root] == nil {
				res[root] = map[string]cty.Value{}
			}
			res[root][name] = cty.NilVal
			k := root + "." + name
			if need[k] == nil {
				need[k] = map[string]bool{}
			}
			if a := accessed(t, 2); a != "" {
				need[k][a] = true
			} else {
				addComputed(need[k])
			}
		}
	}
	vars["local"] = cty.ObjectVal(locals)
	for n, attrs := range modNeed {
		v, ok := in.mods[n]
		if !ok {
			v = cty.DynamicVal
		}
		shape := shapeSingle
		if c := in.cfg.callBy[n]; c != nil && c.count != nil {
			shape = shapeCount
		} else if c != nil && c.forEach != nil {
			shape = shapeForEach
		}
		mods[n] = patch(v, shape, attrs)
	}
	vars["module"] = cty.ObjectVal(mods)
	dobj := map[string]cty.Value{}
	for typ, names := range data {
		m := map[string]cty.Value{}
		for n := range names {
			m[n] = in.refValue("data."+typ+"."+n, need["data."+typ+"."+n])
		}
		dobj[typ] = cty.ObjectVal(m)
	}
	vars["data"] = cty.ObjectVal(dobj)
	for typ, names := range res {
		m := map[string]cty.Value{}
		for n := range names {
			m[n] = in.refValue(typ+"."+n, need[typ+"."+n])
		}
		vars[typ] = cty.ObjectVal(m)
	}
	return &hcl.EvalContext{Variables: vars, Functions: in.re.funcs}
}

// addComputed marks id and arn as read when a block is used whole (a splat, a for
// expression, for_each over it): they are the attributes most often read that way,
// and try() must see them as unknown rather than missing.
func addComputed(m map[string]bool) {
	m["id"] = true
	m["arn"] = true
}

func (in *instance) refValue(key string, attrs map[string]bool) cty.Value {
	rv := in.res[key]
	if rv == nil {
		return cty.DynamicVal
	}
	return patch(rv.val, rv.shape, attrs)
}

// patch adds the attributes that a reference reads but the block does not set, as
// unknown values: they are computed by the provider (id, arn, ...).
func patch(v cty.Value, shape int, attrs map[string]bool) cty.Value {
	if len(attrs) == 0 || !v.IsKnown() || v.IsNull() {
		return v
	}
	switch shape {
	case shapeSingle:
		return patchObj(v, attrs)
	case shapeCount, shapeForEach:
		if !v.CanIterateElements() {
			return v
		}
		ty := v.Type()
		if ty.IsTupleType() || ty.IsListType() {
			var out []cty.Value
			for _, e := range elems(v) {
				out = append(out, patchObj(e, attrs))
			}
			if len(out) == 0 {
				return v
			}
			return cty.TupleVal(out)
		}
		if ty.IsObjectType() || ty.IsMapType() {
			m := map[string]cty.Value{}
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				m[k.AsString()] = patchObj(e, attrs)
			}
			return cty.ObjectVal(m)
		}
	}
	return v
}

func patchObj(o cty.Value, attrs map[string]bool) cty.Value {
	if !o.IsKnown() || o.IsNull() || !o.Type().IsObjectType() {
		return o
	}
	missing := false
	for a := range attrs {
		if !o.Type().HasAttribute(a) {
			missing = true
			break
		}
	}
	if !missing {
		return o
	}
	m := o.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	for a := range attrs {
		if _, ok := m[a]; !ok {
			m[a] = cty.DynamicVal
		}
	}
	return cty.ObjectVal(m)
}

// evalExpr evaluates an expression; errors and panics give an unknown value.
func evalExpr(e hcl.Expression, ctx *hcl.EvalContext) (v cty.Value) {
	defer func() {
		if r := recover(); r != nil {
			v = cty.DynamicVal
		}
	}()
	v, diags := e.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal {
		return cty.DynamicVal
	}
	if v.ContainsMarked() {
		v, _ = v.UnmarkDeep()
	}
	return v
}

// expansion is one instance of a count/for_each block.
type expansion struct {
	key    cty.Value // NilVal, number, string or DynamicVal
	each   cty.Value // each.value
	suffix string    // "", "[0]", "[\"a\"]", "[*]"
}

// expand evaluates count/for_each. ok is false when the value is unknown: then one
// instance with an unknown key is returned and a diagnostic says why.
func (in *instance) expand(count, forEach hcl.Expression, ctx *hcl.EvalContext, what string, file string) ([]expansion, int) {
	unknown := func(e hcl.Expression, reason string) ([]expansion, int) {
		in.re.diag(model.Diagnostic{
			Severity: model.SeverityInfo, File: file, Range: e.Range(), Code: "unknown-expansion",
			Summary: fmt.Sprintf("%s could not be expanded: %s; it is analysed as one instance with unknown values", what, reason),
		})
		return []expansion{{key: cty.DynamicVal, each: cty.DynamicVal, suffix: "[*]"}}, shapeUnknown
	}
	limit := func(e hcl.Expression, n int) {
		in.re.diag(model.Diagnostic{
			Severity: model.SeverityMedium, File: file, Range: e.Range(), Code: "expansion-limit",
			Summary: fmt.Sprintf("%s has %d instances; only the first %d are analysed", what, n, maxInstances),
		})
	}
	switch {
	case count != nil:
		v := evalExpr(count, ctx)
		if !v.IsKnown() {
			return unknown(count, in.unknownReason(count, ctx))
		}
		if v.IsNull() {
			return unknown(count, "count is null")
		}
		nv, err := convert.Convert(v, cty.Number)
		if err != nil {
			return unknown(count, "count is not a number")
		}
		n, err := numArg(nv)
		if err != nil {
			return unknown(count, "count is not a whole number")
		}
		if n < 0 {
			n = 0
		}
		if n > maxInstances {
			limit(count, int(n))
			n = maxInstances
		}
		out := make([]expansion, n)
		for i := range out {
			out[i] = expansion{key: cty.NumberIntVal(int64(i)), suffix: "[" + strconv.Itoa(i) + "]"}
		}
		return out, shapeCount
	case forEach != nil:
		v := evalExpr(forEach, ctx)
		if !v.IsKnown() {
			return unknown(forEach, in.unknownReason(forEach, ctx))
		}
		if v.IsNull() {
			return unknown(forEach, "for_each is null")
		}
		ty := v.Type()
		var out []expansion
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				out = append(out, expansion{key: k, each: e, suffix: "[" + strconv.Quote(k.AsString()) + "]"})
			}
		case ty.IsSetType() || ty.IsListType() || ty.IsTupleType():
			if !v.IsWhollyKnown() {
				return unknown(forEach, in.unknownReason(forEach, ctx))
			}
			seen := map[string]bool{}
			for _, e := range elems(v) {
				s, err := convert.Convert(e, cty.String)
				if err != nil || s.IsNull() {
					return unknown(forEach, "for_each must be a map or a set of strings")
				}
				if seen[s.AsString()] {
					continue
				}
				seen[s.AsString()] = true
				out = append(out, expansion{key: s, each: s, suffix: "[" + strconv.Quote(s.AsString()) + "]"})
			}
			sort.Slice(out, func(i, j int) bool { return out[i].key.AsString() < out[j].key.AsString() })
		default:
			return unknown(forEach, "for_each must be a map or a set of strings")
		}
		if len(out) > maxInstances {
			limit(forEach, len(out))
			out = out[:maxInstances]
		}
		return out, shapeForEach
	}
	return []expansion{{}}, shapeSingle
}

// unknownReason names what made an expression unknown.
func (in *instance) unknownReason(e hcl.Expression, ctx *hcl.EvalContext) string {
	var reasons []string
	seen := map[string]bool{}
	for _, t := range e.Variables() {
		name := traversalString(t)
		if seen[name] {
			continue
		}
		seen[name] = true
		if t.RootName() == "var" && in.unset[attrStep(t, 1)] {
			reasons = append(reasons, "var."+attrStep(t, 1)+" has no value")
			continue
		}
		v, diags := t.TraverseAbs(ctx)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			reasons = append(reasons, name+" is not known until apply")
		}
	}
	if len(reasons) == 0 {
		return "the value is not known until apply"
	}
	return strings.Join(reasons, ", ")
}

func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for i, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			b.WriteString(keySuffix(s.Key))
		default:
			if i > 0 {
				b.WriteString("[*]")
			}
		}
	}
	return b.String()
}

// keySuffix formats an instance key as Terraform writes it in addresses.
func keySuffix(k cty.Value) string {
	if k == cty.NilVal || !k.IsKnown() || k.IsNull() {
		return "[*]"
	}
	switch k.Type() {
	case cty.String:
		return "[" + strconv.Quote(k.AsString()) + "]"
	case cty.Number:
		bf := k.AsBigFloat()
		if i, acc := bf.Int64(); acc == 0 {
			return "[" + strconv.FormatInt(i, 10) + "]"
		}
		return "[" + bf.Text('f', -1) + "]"
	}
	return "[*]"
}

func iterVars(count, forEach hcl.Expression, e expansion) map[string]cty.Value {
	switch {
	case count != nil:
		idx := e.key
		if idx == cty.NilVal || !idx.IsKnown() {
			idx = cty.UnknownVal(cty.Number)
		}
		return map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": idx})}
	case forEach != nil:
		k := e.key
		if !k.IsKnown() {
			k = cty.UnknownVal(cty.String)
		}
		v := e.each
		if v == cty.NilVal {
			v = cty.DynamicVal
		}
		return map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}
	}
	return nil
}

func (in *instance) join(addr string) string {
	if in.prefix == "" {
		return addr
	}
	return in.prefix + "." + addr
}

// evalResource evaluates every instance of a resource or data block.
func (in *instance) evalResource(rd *resourceDecl) {
	ctx := in.ctxFor(rd.travs)
	base := in.join(rd.key)
	exps, shape := in.expand(rd.count, rd.forEach, ctx, base, rd.file.Path)
	var vals []cty.Value
	byKey := map[string]cty.Value{}
	for _, e := range exps {
		if !in.re.take(rd.file.Path, rd.declRange) {
			break
		}
		r := in.evalInstance(rd, ctx, base, e)
		in.re.out = append(in.re.out, r)
		switch shape {
		case shapeCount:
			vals = append(vals, r.Attrs)
		case shapeForEach:
			byKey[e.key.AsString()] = r.Attrs
		case shapeSingle:
			vals = append(vals, r.Attrs)
		}
	}
	rv := &resVal{shape: shape}
	switch shape {
	case shapeSingle:
		if len(vals) == 0 {
			rv.val = cty.DynamicVal
			break
		}
		rv.val = vals[0]
	case shapeCount:
		if len(vals) == 0 {
			rv.val = cty.EmptyTupleVal
		} else {
			rv.val = cty.TupleVal(vals)
		}
	case shapeForEach:
		rv.val = cty.ObjectVal(byKey)
	default:
		rv.val = cty.DynamicVal
	}
	in.res[rd.key] = rv
}

func (in *instance) evalInstance(rd *resourceDecl, ctx *hcl.EvalContext, base string, e expansion) (r *model.Resource) {
	r = &model.Resource{
		Address: base + e.suffix, BaseAddress: base, Root: in.re.root, Mode: rd.mode, Type: rd.typ, Name: rd.name,
		Module: in.prefix, Key: e.key, File: rd.file.Path, DeclRange: rd.declRange, BodyRange: rd.bodyRange,
		Paths: map[string]model.Loc{}, ModuleCalls: in.calls,
	}
	if e.key == cty.NilVal {
		r.Key = cty.NilVal
	}
	defer func() {
		if p := recover(); p != nil {
			r.Attrs = cty.EmptyObjectVal
			in.re.diag(model.Diagnostic{Severity: model.SeverityMedium, File: rd.file.Path, Range: rd.declRange, Code: "internal",
				Summary: fmt.Sprintf("%s could not be evaluated (internal error: %v)", r.Address, p), Detail: string(debug.Stack())})
		}
	}()
	ictx := ctx
	if iv := iterVars(rd.count, rd.forEach, e); iv != nil {
		ictx = ctx.NewChild()
		ictx.Variables = iv
	}
	be := &bodyEval{in: in, r: r}
	if st, ok := rd.forEach.(*hclsyntax.ScopeTraversalExpr); ok && e.key.IsKnown() && e.key.Type() == cty.String {
		if to, used := be.target(st.Traversal); to != "" && used == len(st.Traversal) {
			be.eachTo = to + keySuffix(e.key)
		}
	}
	var attrs map[string]cty.Value
	if rd.syn != nil {
		attrs = be.body(rd.syn, ictx, "", true)
	} else {
		attrs = be.jsonBody(rd.jsonAttrs, ictx)
	}
	if rd.mode == model.Data && rd.typ == "aws_iam_policy_document" {
		attrs["json"] = policyJSON(attrs)
		attrs["minified_json"] = attrs["json"]
	}
	r.Attrs = cty.ObjectVal(attrs)
	return r
}

// evalCall evaluates a module call: each instance of it is a child instance of the
// called directory with the call's arguments as inputs.
func (in *instance) evalCall(c *callDecl) {
	l := in.re.l
	name := c.name
	dir, ok := "", false
	if c.sourceIsLit {
		if d, isLocal := localSource(in.cfg.dir, c.source); isLocal && l.configs[d] != nil {
			dir, ok = d, true
		}
		if !ok {
			key := strings.Join(append(append([]string{}, in.keyPath...), name), ".")
			if d, found := in.re.manifest[key]; found && l.configs[d] != nil {
				dir, ok = d, true
			}
		}
	}
	if !ok {
		in.mods[name] = cty.DynamicVal
		msg := fmt.Sprintf("Module %q (source %q) is not available locally; run `terraform init` so that .terraform/modules holds it. Its resources are not analysed.", name, c.source)
		if d, isLocal := localSource(in.cfg.dir, c.source); isLocal {
			msg = fmt.Sprintf("Module %q: the local directory %s is outside the workspace or holds no .tf files. Its resources are not analysed.", name, d)
		} else if !c.sourceIsLit {
			msg = fmt.Sprintf("Module %q has no literal source. Its resources are not analysed.", name)
		}
		in.re.diag(model.Diagnostic{Severity: model.SeverityInfo, File: c.file.Path, Range: c.declRange, Code: "unresolved-module", Summary: msg})
		return
	}
	for _, d := range append(in.dirs, in.cfg.dir) {
		if d == dir {
			ok = false
		}
	}
	if !ok || in.depth >= maxModuleDepth {
		in.mods[name] = cty.DynamicVal
		in.re.diag(model.Diagnostic{Severity: model.SeverityMedium, File: c.file.Path, Range: c.declRange, Code: "module-cycle",
			Summary: fmt.Sprintf("Module %q calls itself (directly or through other modules) or nests too deep; it is not expanded further", name)})
		return
	}
	in.callDir[name] = dir
	ctx := in.ctxFor(c.travs)
	what := in.join("module." + name)
	exps, shape := in.expand(c.count, c.forEach, ctx, what, c.file.Path)
	cfg := l.configs[dir]
	var vals []cty.Value
	byKey := map[string]cty.Value{}
	for _, e := range exps {
		if !in.re.take(c.file.Path, c.declRange) {
			break
		}
		ictx := ctx
		if iv := iterVars(c.count, c.forEach, e); iv != nil {
			ictx = ctx.NewChild()
			ictx.Variables = iv
		}
		inputs := map[string]cty.Value{}
		varRefs := map[string][]string{}
		for _, a := range c.inputs {
			inputs[a.Name] = evalValue(a.Expr, ictx)
			if tos := in.exprTargets(a.Expr, ictx); len(tos) > 0 {
				varRefs[a.Name] = tos
			}
		}
		calls := append(append([]model.ModuleCall{}, in.calls...), model.ModuleCall{Name: name, Key: e.suffix, Source: c.source, Range: c.declRange})
		child := in.re.newInstance(cfg, inputs, what+e.suffix, calls, append(append([]string{}, in.keyPath...), name), in.depth+1)
		child.dirs = append(append([]string{}, in.dirs...), in.cfg.dir)
		child.varRefs = varRefs
		out := child.run()
		switch shape {
		case shapeForEach:
			byKey[e.key.AsString()] = out
		default:
			vals = append(vals, out)
		}
	}
	switch shape {
	case shapeSingle:
		if len(vals) == 0 {
			in.mods[name] = cty.DynamicVal
			break
		}
		in.mods[name] = vals[0]
	case shapeCount:
		if len(vals) == 0 {
			in.mods[name] = cty.EmptyTupleVal
		} else {
			in.mods[name] = cty.TupleVal(vals)
		}
	case shapeForEach:
		in.mods[name] = cty.ObjectVal(byKey)
	default:
		in.mods[name] = cty.DynamicVal
	}
}

// decode decodes one module directory; a panic leaves the directory empty and
// becomes a diagnostic.
func (l *loader) decode(dir string) (m *moduleConfig) {
	defer func() {
		if p := recover(); p != nil {
			l.diag(model.Diagnostic{Severity: model.SeverityMedium, File: dir, Code: "internal",
				Summary: fmt.Sprintf("Module directory %s could not be decoded (internal error: %v)", dir, p), Detail: string(debug.Stack())})
			m = decodeModule(dir, nil)
		}
	}()
	if m := l.opts.Cache.module(dir, l.modDirs[dir]); m != nil {
		return m
	}
	m = decodeModuleCached(dir, l.modDirs[dir], l.opts.Cache)
	l.opts.Cache.putModule(m)
	return m
}

// exprTargets returns the addresses of the resources an expression references
// (directly, through a module output, or through an input variable).
func (in *instance) exprTargets(e hcl.Expression, ctx *hcl.EvalContext) []string {
	be := &bodyEval{in: in, r: &model.Resource{}}
	be.refs(e, ctx, "")
	var out []string
	seen := map[string]bool{}
	for _, r := range be.r.Refs {
		if !seen[r.To] {
			seen[r.To] = true
			out = append(out, r.To)
		}
	}
	return out
}

// takeInstance counts one resource or module instance against maxTotalInstances; it
// returns false (and reports once) when the budget is spent.
func (l *loader) takeInstance(file string, rng hcl.Range) bool {
	limit := l.opts.instanceLimit
	if limit <= 0 {
		limit = maxTotalInstances
	}
	if l.instances.Add(1) <= limit {
		return true
	}
	l.limitOnce.Do(func() {
		l.diag(model.Diagnostic{Severity: model.SeverityMedium, File: file, Range: rng, Code: "expansion-limit",
			Summary: fmt.Sprintf("The workspace expands to more than %d resource and module instances; the rest are not analysed", limit)})
	})
	return false
}
