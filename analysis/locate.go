package analysis

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/rules"
)

// refineLocation turns a rule's location path into the path of the block element
// that actually raised the finding. A rule names `cidr_blocks` or
// `ingress.cidr_blocks`; a security group has several ingress blocks, and the
// diagnostic belongs on the one that is open to the world, not on the first one.
// For each list of blocks on the way, the rule is re-run on a copy of the resource
// that keeps only one element of that list; the first element for which the rule
// is still open is the culprit. Only open findings pay for this.
func refineLocation(ctx context.Context, cat *rules.Catalog, idx rules.Index, ru *rules.Rule, r *model.Resource, loc string) string {
	if loc == "" {
		return ""
	}
	segs := strings.Split(loc, ".")
	if _, ok := r.Paths[loc]; ok {
		// A location naming a list of blocks ("security_rule") is where its first
		// block is; the finding belongs on the offending one.
		if len(segs) == 1 && blockCount(r.Attrs, loc) > 1 {
			if p := narrow(ctx, cat, idx, ru, r, loc, nil); p != "" {
				return p
			}
		}
		return loc
	}
	// A path that does not start with a top-level attribute names an attribute of
	// a nested block ("cidr_blocks" on aws_security_group means ingress.N.cidr_blocks).
	if !r.Attrs.IsNull() && r.Attrs.IsKnown() && r.Attrs.Type().IsObjectType() && !r.Attrs.Type().HasAttribute(segs[0]) {
		for _, name := range blockListsWith(r.Attrs, segs[0]) {
			if p := narrow(ctx, cat, idx, ru, r, name, segs); p != "" {
				return p
			}
		}
		return loc
	}
	if p := narrow(ctx, cat, idx, ru, r, segs[0], segs[1:]); p != "" {
		return p
	}
	return loc
}

// narrow picks the element of the top-level block list `name` that keeps the rule
// open and returns name.N.rest; "" when name is not a non-empty list of objects,
// or when the rule stays open without any of its blocks: then the list is not what
// raised the finding (an SSH rule open through `ingress` says nothing about
// `egress`, which also has cidr_blocks).
func narrow(ctx context.Context, cat *rules.Catalog, idx rules.Index, ru *rules.Rule, r *model.Resource, name string, rest []string) string {
	list := r.Attrs.GetAttr(name)
	if list.IsNull() || !list.IsKnown() || !(list.Type().IsListType() || list.Type().IsTupleType()) || list.LengthInt() == 0 {
		return ""
	}
	elems := list.AsValueSlice()
	alias := &aliasIndex{idx: idx, orig: r}
	ev := cat.NewEvaluator(alias)
	openWith := func(v cty.Value) bool {
		cp := *r
		attrs := r.Attrs.AsValueMap()
		attrs[name] = v
		cp.Attrs = cty.ObjectVal(attrs)
		alias.copy = &cp
		return ev.EvaluateRule(ctx, ru, &cp).Outcome == rules.Open
	}
	if openWith(cty.EmptyTupleVal) {
		return ""
	}
	pick := 0
	if len(elems) > 1 {
		for i, e := range elems {
			if openWith(cty.TupleVal([]cty.Value{e})) {
				pick = i
				break
			}
		}
	}
	p := name + "." + strconv.Itoa(pick)
	if len(rest) > 0 {
		p += "." + strings.Join(rest, ".")
	}
	return p
}

// blockCount returns how many blocks the top-level attribute name holds (0 when it
// is not a list of objects).
func blockCount(attrs cty.Value, name string) int {
	if attrs.IsNull() || !attrs.IsKnown() || !attrs.Type().IsObjectType() || !attrs.Type().HasAttribute(name) {
		return 0
	}
	v := attrs.GetAttr(name)
	if v.IsNull() || !v.IsKnown() || !(v.Type().IsListType() || v.Type().IsTupleType()) {
		return 0
	}
	n := 0
	for _, e := range v.AsValueSlice() {
		if e.Type().IsObjectType() {
			n++
		}
	}
	if n != v.LengthInt() {
		return 0
	}
	return n
}

// blockListsWith lists the top-level attributes that are lists of objects having
// attribute attr, in name order.
func blockListsWith(attrs cty.Value, attr string) []string {
	var out []string
	for name, t := range attrs.Type().AttributeTypes() {
		var et cty.Type
		switch {
		case t.IsListType():
			et = t.ElementType()
		case t.IsTupleType() && len(t.TupleElementTypes()) > 0:
			et = t.TupleElementTypes()[0]
		default:
			continue
		}
		if et.IsObjectType() && et.HasAttribute(attr) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// aliasIndex answers Related for a modified copy of a resource as for the original,
// so that narrowing a block list does not lose the resource's relations.
type aliasIndex struct {
	idx        rules.Index
	orig, copy *model.Resource
}

func (a *aliasIndex) Related(r *model.Resource, typ string) []*model.Resource {
	if r == a.copy {
		r = a.orig
	}
	return a.idx.Related(r, typ)
}
