package rules

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// policyTrail names the unknown parts of a policy in undecided outcomes.
const policyTrail = "policy statements"

// hasUnknownJSON reports whether a JSON text holds values known only after apply.
func hasUnknownJSON(s string) bool { return strings.Contains(s, model.UnknownInJSON) }

// jsonToCty converts decoded JSON to a cty value in which every string holding
// the loader's placeholder for values known only after apply is unknown again.
func jsonToCty(v any) cty.Value {
	switch x := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case string:
		// A string with an unknown part ("<bucket ARN>/*") is unknown as a whole:
		// its known remainder says nothing a rule could rely on.
		if strings.Contains(x, model.UnknownInJSON) {
			return cty.UnknownVal(cty.String)
		}
		return cty.StringVal(x)
	case bool:
		return cty.BoolVal(x)
	case float64:
		return cty.NumberFloatVal(x)
	case []any:
		if len(x) == 0 {
			return cty.EmptyTupleVal
		}
		out := make([]cty.Value, len(x))
		for i, e := range x {
			out[i] = jsonToCty(e)
		}
		return cty.TupleVal(out)
	case map[string]any:
		if len(x) == 0 {
			return cty.EmptyObjectVal
		}
		out := make(map[string]cty.Value, len(x))
		for k, e := range x {
			out[k] = jsonToCty(e)
		}
		return cty.ObjectVal(out)
	}
	return cty.DynamicVal
}

// partialJSONFn is json() on a text holding unknown placeholders: the parsed value
// with those parts unknown, read through the same lazy views as resource values.
func partialJSONFn(s string) ref.Val {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return types.NewErr("json(): invalid JSON: %v", err)
	}
	return ctyToCEL(jsonToCty(v), "", "", "json", 0, nil)
}

// partialStatements is statements() on a policy that is partly unknown: the same
// normalised statements, with unknown exactly the parts that are, so that a rule
// reading only known parts (Effect, Action, Condition) decides while one reading an
// unknown part (a Resource that is a bucket's ARN) stays undecided.
func partialStatements(doc cty.Value) ref.Val {
	stmts, err := normaliseStatementsCty(doc)
	if err != "" {
		return types.NewErr("statements(): %s", err)
	}
	return ctyToCEL(stmts, "", "", policyTrail, 0, nil)
}

func normaliseStatementsCty(doc cty.Value) (cty.Value, string) {
	doc, _ = doc.UnmarkDeep()
	if !doc.IsKnown() {
		return cty.DynamicVal, ""
	}
	if doc.IsNull() {
		return cty.EmptyTupleVal, ""
	}
	if !isObjectLike(doc) {
		return cty.NilVal, "the policy is not a JSON object"
	}
	st := ctyAttr(doc, "Statement")
	var list []cty.Value
	switch {
	case st == cty.NilVal || st.IsNull():
	case !st.IsKnown():
		return cty.DynamicVal, ""
	case isListLike(st):
		list = ctyElems(st)
	case isObjectLike(st):
		list = []cty.Value{st}
	default:
		return cty.NilVal, "Statement is neither a list nor an object"
	}
	out := make([]cty.Value, 0, len(list))
	for _, s := range list {
		switch {
		case !s.IsKnown():
			out = append(out, cty.DynamicVal) // a statement nothing is known of
		case !s.IsNull() && isObjectLike(s):
			out = append(out, cty.ObjectVal(map[string]cty.Value{
				"Sid":          ctyScalar(ctyAttr(s, "Sid")),
				"Effect":       ctyScalar(ctyAttr(s, "Effect")),
				"Action":       ctyStringList(ctyAttr(s, "Action")),
				"NotAction":    ctyStringList(ctyAttr(s, "NotAction")),
				"Resource":     ctyStringList(ctyAttr(s, "Resource")),
				"NotResource":  ctyStringList(ctyAttr(s, "NotResource")),
				"Principal":    ctyPrincipal(ctyAttr(s, "Principal")),
				"NotPrincipal": ctyPrincipal(ctyAttr(s, "NotPrincipal")),
				"Condition":    ctyCondition(ctyAttr(s, "Condition")),
			}))
		}
	}
	if len(out) == 0 {
		return cty.EmptyTupleVal, ""
	}
	return cty.TupleVal(out), ""
}

func isObjectLike(v cty.Value) bool { return v.Type().IsObjectType() || v.Type().IsMapType() }

func isListLike(v cty.Value) bool {
	ty := v.Type()
	return ty.IsListType() || ty.IsTupleType() || ty.IsSetType()
}

// ctyAttr returns the attribute or map element k, or cty.NilVal.
func ctyAttr(v cty.Value, k string) cty.Value {
	if !v.IsKnown() || v.IsNull() {
		return cty.NilVal
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		if ty.HasAttribute(k) {
			return v.GetAttr(k)
		}
	case ty.IsMapType():
		if kv := cty.StringVal(k); v.HasIndex(kv).True() {
			return v.Index(kv)
		}
	}
	return cty.NilVal
}

func ctyElems(v cty.Value) []cty.Value {
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

// ctyScalar is scalarString over cty: strings as they are, numbers and booleans
// spelled out, anything else as its JSON; unknown stays unknown.
func ctyScalar(v cty.Value) cty.Value {
	switch {
	case v == cty.NilVal || (v.IsKnown() && v.IsNull()):
		return cty.StringVal("")
	case !v.IsKnown():
		return cty.UnknownVal(cty.String)
	case v.Type() == cty.String:
		return v
	case v.Type() == cty.Bool:
		return cty.StringVal(strconv.FormatBool(v.True()))
	case v.Type() == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return cty.StringVal(strconv.FormatFloat(f, 'f', -1, 64))
	case !v.IsWhollyKnown():
		return cty.UnknownVal(cty.String)
	}
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return cty.UnknownVal(cty.String)
	}
	return cty.StringVal(string(b))
}

// ctyStringList is stringList over cty: a list of strings, unknown elements (or the
// whole list) unknown.
func ctyStringList(v cty.Value) cty.Value {
	switch {
	case v == cty.NilVal || (v.IsKnown() && v.IsNull()):
		return cty.EmptyTupleVal
	case !v.IsKnown():
		return cty.DynamicVal
	case isListLike(v):
		es := ctyElems(v)
		if len(es) == 0 {
			return cty.EmptyTupleVal
		}
		out := make([]cty.Value, len(es))
		for i, e := range es {
			out[i] = ctyScalar(e)
		}
		return cty.TupleVal(out)
	}
	return cty.TupleVal([]cty.Value{ctyScalar(v)})
}

// ctyPrincipal is principalMap over cty: "*" and lists are AWS principals.
func ctyPrincipal(v cty.Value) cty.Value {
	switch {
	case v == cty.NilVal || (v.IsKnown() && v.IsNull()):
		return cty.EmptyObjectVal
	case !v.IsKnown():
		return cty.DynamicVal
	case isObjectLike(v):
		out := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = ctyStringList(e)
		}
		if len(out) == 0 {
			return cty.EmptyObjectVal
		}
		return cty.ObjectVal(out)
	}
	return cty.ObjectVal(map[string]cty.Value{"AWS": ctyStringList(v)})
}

// ctyCondition is conditionMap over cty: operator → key → list of strings.
func ctyCondition(v cty.Value) cty.Value {
	switch {
	case v == cty.NilVal || (v.IsKnown() && v.IsNull()):
		return cty.EmptyObjectVal
	case !v.IsKnown():
		return cty.DynamicVal
	case !isObjectLike(v):
		return cty.EmptyObjectVal
	}
	out := map[string]cty.Value{}
	for it := v.ElementIterator(); it.Next(); {
		op, e := it.Element()
		switch {
		case !e.IsKnown():
			out[op.AsString()] = cty.DynamicVal
		case !e.IsNull() && isObjectLike(e):
			inner := map[string]cty.Value{}
			for it2 := e.ElementIterator(); it2.Next(); {
				k, vals := it2.Element()
				inner[k.AsString()] = ctyStringList(vals)
			}
			if len(inner) == 0 {
				out[op.AsString()] = cty.EmptyObjectVal
			} else {
				out[op.AsString()] = cty.ObjectVal(inner)
			}
		default:
			out[op.AsString()] = cty.EmptyObjectVal
		}
	}
	if len(out) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(out)
}
