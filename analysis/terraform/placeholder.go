package terraform

import (
	"encoding/base64"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// evalValue evaluates the expression of an attribute, a local or a module
// argument. A JSON document with parts known only after apply (the usual
// `policy = jsonencode({... Resource = "${aws_s3_bucket.b.arn}/*" ...})`, or a
// heredoc JSON template interpolating an ARN) is not one unknown string: it is the
// JSON of what is known with model.UnknownInJSON in place of each unknown part, so
// that rules reading the policy (statements(), json()) judge the known parts and
// stay undecided only on the unknown ones.
func evalValue(e hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	v := evalExpr(e, ctx)
	if v.IsKnown() {
		return v
	}
	switch x := e.(type) {
	case *hclsyntax.FunctionCallExpr:
		if x.Name != "jsonencode" || len(x.Args) != 1 || x.ExpandFinal {
			return v
		}
		arg := evalExpr(x.Args[0], ctx)
		if !arg.IsKnown() {
			return v // nothing is known of the document
		}
		out, err := stdlib.JSONEncodeFunc.Call([]cty.Value{withPlaceholders(arg)})
		if err != nil || !out.IsKnown() {
			return v
		}
		return out
	case *hclsyntax.TemplateExpr:
		if s, ok := jsonTemplate(x, ctx); ok {
			return cty.StringVal(s)
		}
	}
	return v
}

// scriptAttrs are the attributes that hold a boot script (EC2 user data, Azure
// custom data, GCE startup scripts): rules scan their text for secrets, so a
// script with interpolations known only after apply keeps its known text, with
// model.UnknownInJSON for each unknown part (the secret rules read that as "the
// rest is unknown", never as a value).
var scriptAttrs = map[string]bool{
	"user_data": true, "user_data_base64": true, "custom_data": true, "metadata_startup_script": true,
}

// evalAttr evaluates an attribute: evalValue, plus the known text of boot scripts.
func evalAttr(name string, e hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	v := evalValue(e, ctx)
	if v.IsKnown() || !scriptAttrs[name] {
		return v
	}
	if s, ok := scriptText(e, ctx); ok {
		return cty.StringVal(s)
	}
	return v
}

// scriptText renders a template with model.UnknownInJSON for each unknown
// interpolation, also inside base64encode(); false when nothing is known.
func scriptText(e hcl.Expression, ctx *hcl.EvalContext) (string, bool) {
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr:
		return renderTemplate(x, ctx)
	case *hclsyntax.FunctionCallExpr:
		if (x.Name == "base64encode") && len(x.Args) == 1 && !x.ExpandFinal {
			if s, ok := scriptText(x.Args[0], ctx); ok {
				return base64.StdEncoding.EncodeToString([]byte(s)), true
			}
		}
	}
	return "", false
}

// jsonTemplate renders a template that writes a JSON document, with
// model.UnknownInJSON for each unknown interpolation. Templates that do not start
// with a JSON object or array are left alone: a name or a CIDR with an unknown
// part must stay unknown.
func jsonTemplate(t *hclsyntax.TemplateExpr, ctx *hcl.EvalContext) (string, bool) {
	if len(t.Parts) == 0 {
		return "", false
	}
	first, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || first.Val.Type() != cty.String || first.Val.IsNull() {
		return "", false
	}
	if lead := strings.TrimSpace(first.Val.AsString()); !strings.HasPrefix(lead, "{") && !strings.HasPrefix(lead, "[") {
		return "", false
	}
	return renderTemplate(t, ctx)
}

// renderTemplate renders a template's parts, with model.UnknownInJSON for each
// unknown one; false when a part is null or cannot be a string, or when no part
// is known.
func renderTemplate(t *hclsyntax.TemplateExpr, ctx *hcl.EvalContext) (string, bool) {
	known := false
	var b strings.Builder
	for _, p := range t.Parts {
		pv := evalExpr(p, ctx)
		switch {
		case !pv.IsKnown():
			b.WriteString(model.UnknownInJSON)
		case pv.IsNull():
			return "", false
		default:
			s, err := convert.Convert(pv, cty.String)
			if err != nil || !s.IsKnown() || s.IsNull() {
				return "", false
			}
			b.WriteString(s.AsString())
			known = true
		}
	}
	return b.String(), known
}

// withPlaceholders replaces every unknown part of v by model.UnknownInJSON, so
// that v can be encoded as JSON. Lists, sets and maps become tuples and objects:
// their element types may differ once unknowns are strings (JSON does not care).
func withPlaceholders(v cty.Value) cty.Value {
	if v.IsMarked() {
		v, _ = v.UnmarkDeep()
	}
	if !v.IsKnown() {
		return cty.StringVal(model.UnknownInJSON)
	}
	if v.IsNull() || v.IsWhollyKnown() {
		return v
	}
	ty := v.Type()
	switch {
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		var out []cty.Value
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, withPlaceholders(e))
		}
		if len(out) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(out)
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = withPlaceholders(e)
		}
		if len(out) == 0 {
			return cty.EmptyObjectVal
		}
		return cty.ObjectVal(out)
	}
	return v
}
