package graph

import (
	"strconv"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// attrAt walks a resource's attributes along a dotted path ("a.0.b"); it returns
// cty.NilVal when a step is absent or null. Lists are indexed by number.
func attrAt(v cty.Value, path string) cty.Value {
	if path == "" {
		return cty.NilVal
	}
	for _, step := range strings.Split(path, ".") {
		if v == cty.NilVal || v.IsNull() || !v.IsKnown() {
			if v != cty.NilVal && !v.IsKnown() {
				return cty.DynamicVal
			}
			return cty.NilVal
		}
		t := v.Type()
		switch {
		case t.IsObjectType():
			if !t.HasAttribute(step) {
				return cty.NilVal
			}
			v = v.GetAttr(step)
		case t.IsMapType():
			k := cty.StringVal(step)
			if !v.HasIndex(k).True() {
				return cty.NilVal
			}
			v = v.Index(k)
		case t.IsListType() || t.IsTupleType():
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= v.LengthInt() {
				return cty.NilVal
			}
			v = v.Index(cty.NumberIntVal(int64(i)))
		default:
			return cty.NilVal
		}
	}
	if v != cty.NilVal && v.IsNull() {
		return cty.NilVal
	}
	return v
}

// truth reads a value as a fact: true, a number > 0, a non-empty string or
// collection → Yes; false, 0, "" or empty → No; unknown → Unknown; absent → def.
func truth(v cty.Value, def model.Tri) model.Tri {
	if v == cty.NilVal {
		return def
	}
	if !v.IsKnown() {
		return model.Unknown
	}
	t := v.Type()
	switch {
	case t == cty.Bool:
		return model.TriOf(v.True())
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return model.TriOf(f > 0)
	case t == cty.String:
		s := strings.ToLower(v.AsString())
		return model.TriOf(s != "" && s != "false" && s != "none" && s != "disabled")
	case t.IsListType() || t.IsTupleType() || t.IsSetType() || t.IsMapType() || t.IsObjectType():
		return model.TriOf(v.LengthInt() > 0)
	}
	return def
}

// str returns a known string value, else "".
func str(v cty.Value) string {
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// num returns a known number as int (strings holding numbers too), else -1.
func num(v cty.Value) int {
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() {
		return -1
	}
	switch v.Type() {
	case cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return int(f)
	case cty.String:
		if i, err := strconv.Atoi(v.AsString()); err == nil {
			return i
		}
	}
	return -1
}

// strs returns the known strings of a list, set or tuple (or a lone string).
func strs(v cty.Value) []string {
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() {
		return nil
	}
	if v.Type() == cty.String {
		return []string{v.AsString()}
	}
	if !(v.Type().IsListType() || v.Type().IsSetType() || v.Type().IsTupleType()) {
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if s := str(e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// unknownIn is true when v is or holds an unknown value.
func unknownIn(v cty.Value) bool {
	return v != cty.NilVal && !v.IsWhollyKnown()
}

// publicCIDR says whether a source address names the whole internet.
func publicCIDR(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "0.0.0.0/0", "::/0", "*", "internet", "any", "0.0.0.0":
		return true
	}
	return false
}
