package terraform

import (
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// metaArgs are resource arguments that are not part of Attrs (their references are
// still recorded). The lifecycle block is kept, under "lifecycle", as a list of one
// object like any other nested block; provisioner and connection blocks are dropped.
var metaArgs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

var metaBlocks = map[string]bool{"provisioner": true, "connection": true}

// bodyEval evaluates one resource instance's body into Attrs, Paths and Refs.
type bodyEval struct {
	in *instance
	r  *model.Resource
	// eachTo is the instance iterated over when for_each names a resource or data
	// block directly (`for_each = aws_s3_bucket.b`): each.value and the for_each
	// argument refer to that one instance, the one with the same key.
	eachTo string
}

type blockList struct {
	vals    []cty.Value
	unknown bool
}

func headerRange(b *hclsyntax.Block) hcl.Range {
	end := b.TypeRange
	if n := len(b.LabelRanges); n > 0 {
		end = b.LabelRanges[n-1]
	}
	return hcl.RangeBetween(b.TypeRange, end)
}

func (be *bodyEval) loc(rng, val hcl.Range, block bool) model.Loc {
	return model.Loc{Range: rng, Value: val, Block: block, Owner: be.r.Address}
}

// body evaluates a native body; prefix is the path of the enclosing block plus ".".
func (be *bodyEval) body(body *hclsyntax.Body, ctx *hcl.EvalContext, prefix string, top bool) map[string]cty.Value {
	out := map[string]cty.Value{}
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		p := prefix + a.Name
		be.refs(a.Expr, ctx, p)
		if top && metaArgs[a.Name] {
			continue
		}
		out[a.Name] = evalAttr(a.Name, a.Expr, ctx)
		be.r.Paths[p] = be.loc(a.SrcRange, a.Expr.Range(), false)
	}
	var lists map[string]*blockList
	var order []string
	get := func(name string) *blockList {
		if lists == nil {
			lists = map[string]*blockList{}
		}
		bl := lists[name]
		if bl == nil {
			bl = &blockList{}
			lists[name] = bl
			order = append(order, name)
		}
		return bl
	}
	for _, b := range body.Blocks {
		if top && metaBlocks[b.Type] {
			continue
		}
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			be.dynamic(b, ctx, prefix, get(b.Labels[0]))
			continue
		}
		bl := get(b.Type)
		p := prefix + b.Type + "." + strconv.Itoa(len(bl.vals))
		loc := be.loc(b.Range(), headerRange(b), true)
		be.r.Paths[p] = loc
		if _, ok := be.r.Paths[prefix+b.Type]; !ok {
			be.r.Paths[prefix+b.Type] = loc
		}
		v := be.body(b.Body, ctx, p+".", false)
		if top && b.Type == "lifecycle" {
			lifecycleRefs(b.Body, v)
		}
		bl.vals = append(bl.vals, cty.ObjectVal(v))
	}
	for _, name := range order {
		bl := lists[name]
		if bl.unknown {
			out[name] = cty.DynamicVal
			continue
		}
		out[name] = listOf(bl.vals)
	}
	return out
}

// listOf makes a list when all elements have one type, else a tuple.
func listOf(vals []cty.Value) cty.Value {
	if len(vals) == 0 {
		return cty.EmptyTupleVal
	}
	ty := vals[0].Type()
	for _, v := range vals[1:] {
		if !v.Type().Equals(ty) {
			return cty.TupleVal(vals)
		}
	}
	return cty.ListVal(vals)
}

// dynamic expands a dynamic block: one generated block per for_each element, whose
// paths point at the content block.
func (be *bodyEval) dynamic(b *hclsyntax.Block, ctx *hcl.EvalContext, prefix string, bl *blockList) {
	label := b.Labels[0]
	iter := label
	var forEach hcl.Expression
	if a := b.Body.Attributes["for_each"]; a != nil {
		forEach = a.Expr
	}
	if a := b.Body.Attributes["iterator"]; a != nil {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iter = kw
		}
	}
	var content *hclsyntax.Block
	for _, cb := range b.Body.Blocks {
		if cb.Type == "content" {
			content = cb
			break
		}
	}
	if forEach == nil || content == nil {
		return
	}
	be.refs(forEach, ctx, prefix+label)
	fv := evalExpr(forEach, ctx)
	if _, ok := be.r.Paths[prefix+label]; !ok {
		be.r.Paths[prefix+label] = be.loc(b.Range(), headerRange(b), true)
	}
	if !fv.IsKnown() || (!fv.IsNull() && !fv.CanIterateElements()) {
		bl.unknown = true
		be.in.re.diag(model.Diagnostic{
			Severity: model.SeverityInfo, File: be.r.File, Range: forEach.Range(), Code: "unknown-expansion",
			Summary: "dynamic \"" + label + "\" in " + be.r.Address + " could not be expanded: " + be.in.unknownReason(forEach, ctx) + "; the " + label + " blocks are unknown",
		})
		walkSynBody(content.Body, func(e hclsyntax.Expression) { be.refs(e, ctx, prefix+label) })
		return
	}
	if fv.IsNull() {
		return
	}
	isSet := fv.Type().IsSetType()
	i := 0
	for it := fv.ElementIterator(); it.Next(); i++ {
		k, v := it.Element()
		if isSet {
			k = v
		}
		cctx := ctx.NewChild()
		cctx.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}
		p := prefix + label + "." + strconv.Itoa(len(bl.vals))
		be.r.Paths[p] = be.loc(content.Range(), content.TypeRange, true)
		bl.vals = append(bl.vals, cty.ObjectVal(be.body(content.Body, cctx, p+".", false)))
		if i >= maxInstances {
			break
		}
	}
}

// jsonBody evaluates a .tf.json block body: every property is an attribute.
func (be *bodyEval) jsonBody(attrs hcl.Attributes, ctx *hcl.EvalContext) map[string]cty.Value {
	out := map[string]cty.Value{}
	for _, a := range sortedAttrs(attrs) {
		be.refs(a.Expr, ctx, a.Name)
		if metaArgs[a.Name] || metaBlocks[a.Name] {
			continue
		}
		out[a.Name] = evalExpr(a.Expr, ctx)
		be.r.Paths[a.Name] = be.loc(a.Range, a.Expr.Range(), false)
	}
	return out
}

// refs records every reference to a resource or data block in expr.
func (be *bodyEval) refs(expr hcl.Expression, ctx *hcl.EvalContext, from string) {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		for _, t := range expr.Variables() {
			be.refTraversal(t, from)
		}
		return
	}
	var handled map[*hclsyntax.ScopeTraversalExpr]bool
	hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n := n.(type) {
		case *hclsyntax.IndexExpr:
			st, ok := n.Collection.(*hclsyntax.ScopeTraversalExpr)
			if !ok {
				return nil
			}
			to, used := be.target(st.Traversal)
			if to == "" || used != len(st.Traversal) {
				return nil
			}
			if k := evalExpr(n.Key, ctx); k.IsKnown() && !k.IsNull() && (k.Type() == cty.String || k.Type() == cty.Number) {
				to += keySuffix(k)
			}
			be.r.Refs = append(be.r.Refs, model.Ref{From: from, To: to, Range: hcl.RangeBetween(st.SrcRange, n.SrcRange)})
			if handled == nil {
				handled = map[*hclsyntax.ScopeTraversalExpr]bool{}
			}
			handled[st] = true
		case *hclsyntax.ScopeTraversalExpr:
			if !handled[n] {
				be.refTraversal(n.Traversal, from)
			}
		}
		return nil
	})
}

func (be *bodyEval) refTraversal(t hcl.Traversal, from string) {
	if be.eachTo != "" && t.RootName() == "each" && attrStep(t, 1) == "value" {
		be.r.Refs = append(be.r.Refs, model.Ref{From: from, To: be.eachTo, Range: t.SourceRange()})
		return
	}
	if t.RootName() == "var" {
		// A module input set from a resource in the caller: the reference crosses
		// the module boundary.
		for _, to := range be.in.varRefs[attrStep(t, 1)] {
			be.r.Refs = append(be.r.Refs, model.Ref{From: from, To: to, Range: t.SourceRange()})
		}
		return
	}
	if t.RootName() == "module" {
		for _, to := range be.moduleTargets(t) {
			be.r.Refs = append(be.r.Refs, model.Ref{From: from, To: to, Range: t.SourceRange()})
		}
		return
	}
	to, used := be.target(t)
	if to == "" {
		return
	}
	if from == "for_each" && be.eachTo != "" && used == len(t) && stripKey(be.eachTo) == to {
		to = be.eachTo
	}
	if used < len(t) {
		if ix, ok := t[used].(hcl.TraverseIndex); ok && ix.Key.IsKnown() && !ix.Key.IsNull() {
			to += keySuffix(ix.Key)
		}
	}
	be.r.Refs = append(be.r.Refs, model.Ref{From: from, To: to, Range: t.SourceRange()})
}

// target returns the base address a traversal refers to (module prefix included) and
// how many steps name it; "" when it names no resource or data block of the module.
func (be *bodyEval) target(t hcl.Traversal) (string, int) {
	cfg := be.in.cfg
	switch root := t.RootName(); root {
	case "var", "local", "module", "each", "count", "path", "terraform", "self":
		return "", 0
	case "data":
		k := "data." + attrStep(t, 1) + "." + attrStep(t, 2)
		if cfg.resByKey[k] != nil {
			return be.in.join(k), 3
		}
	default:
		k := root + "." + attrStep(t, 1)
		if cfg.resByKey[k] != nil {
			return be.in.join(k), 2
		}
	}
	return "", 0
}

// moduleTargets maps a module output reference (`module.x.out`, `module.x[0].out`)
// to the resources of the called module that the output's expression references.
// A call with count/for_each referenced without a known index maps to nothing.
func (be *bodyEval) moduleTargets(t hcl.Traversal) []string {
	name := attrStep(t, 1)
	c := be.in.cfg.callBy[name]
	dir, ok := be.in.callDir[name]
	if c == nil || !ok {
		return nil
	}
	suffix, outStep := "", 2
	if len(t) > 2 {
		if ix, isIx := t[2].(hcl.TraverseIndex); isIx {
			suffix, outStep = keySuffix(ix.Key), 3
		}
	}
	if (c.count != nil || c.forEach != nil) == (suffix == "") || suffix == "[*]" {
		return nil
	}
	out := attrStep(t, outStep)
	child := be.in.re.l.configs[dir]
	if child == nil || out == "" {
		return nil
	}
	prefix := be.in.join("module." + name + suffix)
	var tos []string
	for _, o := range child.outputs {
		if o.name != out {
			continue
		}
		for _, ot := range o.travs {
			key, used := "", 0
			switch root := ot.RootName(); root {
			case "var", "local", "module", "each", "count", "path", "terraform", "self":
				continue
			case "data":
				key, used = "data."+attrStep(ot, 1)+"."+attrStep(ot, 2), 3
			default:
				key, used = root+"."+attrStep(ot, 1), 2
			}
			if child.resByKey[key] == nil {
				continue
			}
			to := prefix + "." + key
			if used < len(ot) {
				if ix, isIx := ot[used].(hcl.TraverseIndex); isIx && ix.Key.IsKnown() && !ix.Key.IsNull() {
					to += keySuffix(ix.Key)
				}
			}
			tos = append(tos, to)
		}
	}
	return tos
}

// lifecycleRefs replaces ignore_changes and replace_triggered_by, which list bare
// attribute names and references rather than values, by those names as strings
// (`ignore_changes = [tags, acl]` → ["tags", "acl"]; `all` → "all").
func lifecycleRefs(body *hclsyntax.Body, v map[string]cty.Value) {
	for _, name := range []string{"ignore_changes", "replace_triggered_by"} {
		a := body.Attributes[name]
		if a == nil {
			continue
		}
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			v[name] = cty.StringVal(kw)
			continue
		}
		exprs, diags := hcl.ExprList(a.Expr)
		if diags.HasErrors() {
			continue
		}
		var names []cty.Value
		for _, e := range exprs {
			t, diags := hcl.AbsTraversalForExpr(e)
			if diags.HasErrors() {
				names = append(names, cty.UnknownVal(cty.String))
				continue
			}
			names = append(names, cty.StringVal(traversalString(t)))
		}
		if len(names) == 0 {
			v[name] = cty.ListValEmpty(cty.String)
		} else {
			v[name] = cty.ListVal(names)
		}
	}
}
