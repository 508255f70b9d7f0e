package terraform

import (
	"reflect"

	"github.com/hashicorp/hcl/v2"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// nodeMemo is what evaluating one block of a root module (a local, a module call
// with everything under it, or a resource or data block with all its instances)
// produced. When a root is evaluated again after an edit, a block declared in the
// same parsed file (so the same text) whose references all name blocks whose
// values did not change is not evaluated again: its memo stands, same
// *model.Resource values included. An edit of one file in a root of hundreds of
// resources thus evaluates the blocks of that file and those that read them.
//
// A block's evaluation reads only its own declaration, the input variables, the
// values of the blocks its traversals name (and whether they exist), the module
// directories a call evaluates, and files read through file() and friends. The
// memo is kept only under the same variables (rootState.varObj), for the same set
// of module directories and modules.json, never for roots that read files, and a
// module call is reused only while every directory under it is the same decoded
// configuration.
type nodeMemo struct {
	file *File    // where the block is declared: the same pointer is the same text
	refs []string // the block keys its traversals name, whether or not they exist

	val     cty.Value // a local's or module call's value
	rv      *resVal   // a resource or data block's value
	callDir string    // a module call's resolved directory ("" when unresolved)

	out       []*model.Resource  // the resource instances it produced, as evaluated
	diags     []model.Diagnostic // the diagnostics its evaluation raised
	cfgs      []*moduleConfig    // the module directories it evaluated (calls)
	instances int64              // the instances it took from the budget
}

// memoBase returns the previous evaluation of root d when its blocks may be reused:
// the same module directories and modules.json, and a memo at all.
func (l *loader) memoBase(d, allDirs string) *rootState {
	prev := l.opts.Previous
	if prev == nil || prev.roots == nil {
		return nil
	}
	ps := prev.roots[d]
	if ps == nil || ps.memo == nil || ps.dirs != allDirs || !reflect.DeepEqual(ps.manifest, l.manifests[d]) {
		return nil
	}
	return ps
}

// startMemo turns block reuse on for the root instance in: it records every block
// it evaluates, and reuses the previous evaluation's blocks when the input
// variables are the same.
func (in *instance) startMemo() {
	re := in.re
	re.varObj, re.unset = in.varObj, in.unset
	if re.memo == nil {
		return
	}
	in.record = true
	in.changed = map[string]bool{}
	ps := re.prev
	if ps == nil || !ps.varObj.RawEquals(in.varObj) || !reflect.DeepEqual(ps.unset, in.unset) {
		return
	}
	in.oldMemo = ps.memo
	// A block that is gone changed: whatever read it now reads nothing.
	for key := range ps.memo {
		if !in.declared(key) {
			in.changed[key] = true
		}
	}
}

// declared reports whether the module declares the block with this node key.
func (in *instance) declared(key string) bool {
	switch {
	case len(key) > 6 && key[:6] == "local.":
		return in.cfg.localBy[key[6:]] != nil
	case len(key) > 7 && key[:7] == "module.":
		return in.cfg.callBy[key[7:]] != nil
	default:
		return in.cfg.resByKey[key] != nil
	}
}

// reuse applies the previous evaluation of block key when it still holds, and
// reports whether it did.
func (in *instance) reuse(key string, file *File) bool {
	m := in.oldMemo[key]
	if m == nil || m.file != file {
		return false
	}
	for _, k := range m.refs {
		// A block still being evaluated (a reference cycle) is unknown to this one,
		// which may not have been the case before.
		if in.changed[k] || in.state[k] == stateBusy {
			return false
		}
	}
	re := in.re
	for _, cfg := range m.cfgs {
		if re.l.configs[cfg.dir] != cfg {
			return false
		}
	}
	if !re.takeN(m.instances) {
		return false
	}
	in.apply(key, m)
	re.out = append(re.out, m.out...)
	for _, d := range m.diags {
		re.diag(d)
	}
	for _, cfg := range m.cfgs {
		re.deps[cfg.dir] = cfg
		re.cfgLog = append(re.cfgLog, cfg)
	}
	re.memo[key] = m
	re.l.reusedBlocks.Add(1)
	return true
}

// apply sets the block's value from its memo.
func (in *instance) apply(key string, m *nodeMemo) {
	switch {
	case len(key) > 6 && key[:6] == "local.":
		in.locals[key[6:]] = m.val
	case len(key) > 7 && key[:7] == "module.":
		in.mods[key[7:]] = m.val
		if m.callDir != "" {
			in.callDir[key[7:]] = m.callDir
		}
	default:
		in.res[key] = m.rv
	}
}

// evalRecorded evaluates block key and records its memo, noting whether its value
// changed from the previous evaluation.
func (in *instance) evalRecorded(key string, file *File, travs []hcl.Traversal, eval func()) {
	re := in.re
	out0, diags0, cfgs0, inst0 := len(re.out), len(re.diags), len(re.cfgLog), re.instances
	eval()
	m := &nodeMemo{
		file: file, refs: refKeys(travs),
		out:       append([]*model.Resource(nil), re.out[out0:]...),
		diags:     append([]model.Diagnostic(nil), re.diags[diags0:]...),
		cfgs:      append([]*moduleConfig(nil), re.cfgLog[cfgs0:]...),
		instances: re.instances - inst0,
	}
	isCall := false
	switch {
	case len(key) > 6 && key[:6] == "local.":
		m.val = in.locals[key[6:]]
	case len(key) > 7 && key[:7] == "module.":
		m.val, m.callDir, isCall = in.mods[key[7:]], in.callDir[key[7:]], true
	default:
		m.rv = in.res[key]
	}
	old := in.oldMemo[key]
	// A module call evaluated again always counts as changed: references through
	// it also read the called directory's outputs, not only its value.
	in.changed[key] = old == nil || isCall || !sameNodeValue(old, m)
	re.memo[key] = m
}

// sameNodeValue reports whether two evaluations of a block look the same to the
// blocks that read it.
func sameNodeValue(a, b *nodeMemo) bool {
	if (a.rv == nil) != (b.rv == nil) {
		return false
	}
	if a.rv != nil {
		return a.rv.shape == b.rv.shape && valEqual(a.rv.val, b.rv.val)
	}
	return a.callDir == b.callDir && valEqual(a.val, b.val)
}

func valEqual(a, b cty.Value) bool {
	if a == cty.NilVal || b == cty.NilVal {
		return a == cty.NilVal && b == cty.NilVal
	}
	return a.RawEquals(b)
}

// refKeys returns the node keys the traversals name, whether or not such blocks
// exist (one that appears later must invalidate what read its absence).
func refKeys(travs []hcl.Traversal) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range travs {
		k := ""
		switch root := t.RootName(); root {
		case "var", "each", "count", "path", "terraform", "self":
		case "local", "module":
			if n := attrStep(t, 1); n != "" {
				k = root + "." + n
			}
		case "data":
			k = "data." + attrStep(t, 1) + "." + attrStep(t, 2)
		default:
			k = root + "." + attrStep(t, 1)
		}
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// take counts one resource or module instance of this root against the Load's
// budget (loader.takeInstance).
func (re *rootEval) take(file string, rng hcl.Range) bool {
	if !re.l.takeInstance(file, rng) {
		return false
	}
	re.instances++
	return true
}

// takeN takes n instances at once for a reused block; false (taking nothing) when
// the budget cannot cover them, so that the block is evaluated and the limit
// reported as usual.
func (re *rootEval) takeN(n int64) bool {
	if n == 0 {
		return true
	}
	limit := re.l.opts.instanceLimit
	if limit <= 0 {
		limit = maxTotalInstances
	}
	if re.l.instances.Add(n) > limit {
		re.l.instances.Add(-n)
		return false
	}
	re.instances += n
	return true
}

// cloneJoinable replaces, in rs, every resource the S3 join may write into (buckets
// and the split resources) by a copy of its own, so that the values a memo keeps
// are never changed by a join.
func cloneJoinable(rs []*model.Resource) {
	for i, r := range rs {
		if r.Mode != model.Managed || (r.Type != "aws_s3_bucket" && joinFuncs[r.Type] == nil) {
			continue
		}
		c := *r
		c.Paths = make(map[string]model.Loc, len(r.Paths))
		for k, v := range r.Paths {
			c.Paths[k] = v
		}
		c.Joined = append([]string(nil), r.Joined...)
		rs[i] = &c
	}
}
