package terraform

import (
	"encoding/json"

	"github.com/zclconf/go-cty/cty"
)

// policyStatement is one statement of an AWS policy, in the key order the AWS
// provider writes.
type policyStatement struct {
	Sid          string                    `json:"Sid,omitempty"`
	Effect       string                    `json:"Effect"`
	Action       any                       `json:"Action,omitempty"`
	NotAction    any                       `json:"NotAction,omitempty"`
	Resource     any                       `json:"Resource,omitempty"`
	NotResource  any                       `json:"NotResource,omitempty"`
	Principal    any                       `json:"Principal,omitempty"`
	NotPrincipal any                       `json:"NotPrincipal,omitempty"`
	Condition    map[string]map[string]any `json:"Condition,omitempty"`
}

type policyDoc struct {
	Version   string `json:"Version"`
	ID        string `json:"Id,omitempty"`
	Statement []any  `json:"Statement"`
}

// policyJSON computes data.aws_iam_policy_document's `json` from its evaluated
// arguments; it is unknown when any argument is.
func policyJSON(attrs map[string]cty.Value) cty.Value {
	// Parts known only after apply (a bucket's ARN in resources) are written as
	// model.UnknownInJSON; only a part whose very shape is unknown (statements from
	// a dynamic block over an unknown collection) leaves the whole document unknown.
	placed := make(map[string]cty.Value, len(attrs))
	for k, v := range attrs {
		placed[k] = v
	}
	for _, k := range []string{"statement", "version", "policy_id", "source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		if v, ok := attrs[k]; ok && !v.IsWhollyKnown() {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.String)
			}
			placed[k] = withPlaceholders(v)
		}
	}
	attrs = placed
	doc := policyDoc{Version: "2012-10-17"}
	if s := str(attrs["version"]); s != "" {
		doc.Version = s
	}
	doc.ID = str(attrs["policy_id"])
	var sources []string
	for _, k := range []string{"source_json", "source_policy_documents"} {
		sources = append(sources, strs(attrs[k])...)
	}
	for _, src := range sources {
		doc.Statement = append(doc.Statement, parsedStatements(src)...)
	}
	for _, st := range elems(attrs["statement"]) {
		doc.Statement = append(doc.Statement, statementOf(st))
	}
	var overrides []string
	for _, k := range []string{"override_json", "override_policy_documents"} {
		overrides = append(overrides, strs(attrs[k])...)
	}
	for _, src := range overrides {
		for _, st := range parsedStatements(src) {
			sid := ""
			if m, ok := st.(map[string]any); ok {
				sid, _ = m["Sid"].(string)
			}
			replaced := false
			if sid != "" {
				for i, old := range doc.Statement {
					if sidOf(old) == sid {
						doc.Statement[i], replaced = st, true
					}
				}
			}
			if !replaced {
				doc.Statement = append(doc.Statement, st)
			}
		}
	}
	if doc.Statement == nil {
		doc.Statement = []any{}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return cty.UnknownVal(cty.String)
	}
	return cty.StringVal(string(b))
}

func sidOf(st any) string {
	switch s := st.(type) {
	case policyStatement:
		return s.Sid
	case map[string]any:
		v, _ := s["Sid"].(string)
		return v
	}
	return ""
}

func parsedStatements(src string) []any {
	var d struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(src), &d) != nil || len(d.Statement) == 0 {
		return nil
	}
	var list []any
	if json.Unmarshal(d.Statement, &list) == nil {
		return list
	}
	var one map[string]any
	if json.Unmarshal(d.Statement, &one) == nil {
		return []any{one}
	}
	return nil
}

func statementOf(st cty.Value) policyStatement {
	get := func(k string) cty.Value {
		if st.IsNull() || !st.Type().IsObjectType() || !st.Type().HasAttribute(k) {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		return st.GetAttr(k)
	}
	ps := policyStatement{Sid: str(get("sid")), Effect: str(get("effect"))}
	if ps.Effect == "" {
		ps.Effect = "Allow"
	}
	ps.Action = oneOrList(strs(get("actions")))
	ps.NotAction = oneOrList(strs(get("not_actions")))
	ps.Resource = oneOrList(strs(get("resources")))
	ps.NotResource = oneOrList(strs(get("not_resources")))
	ps.Principal = principals(get("principals"))
	ps.NotPrincipal = principals(get("not_principals"))
	for _, c := range elems(get("condition")) {
		if !c.Type().IsObjectType() {
			continue
		}
		at := func(k string) cty.Value {
			if c.Type().HasAttribute(k) {
				return c.GetAttr(k)
			}
			return cty.NullVal(cty.DynamicPseudoType)
		}
		test, variable := str(at("test")), str(at("variable"))
		if test == "" || variable == "" {
			continue
		}
		if ps.Condition == nil {
			ps.Condition = map[string]map[string]any{}
		}
		if ps.Condition[test] == nil {
			ps.Condition[test] = map[string]any{}
		}
		ps.Condition[test][variable] = oneOrList(strs(at("values")))
	}
	return ps
}

func principals(v cty.Value) any {
	byType := map[string][]string{}
	var order []string
	for _, p := range elems(v) {
		if !p.Type().IsObjectType() || !p.Type().HasAttribute("type") {
			continue
		}
		typ := str(p.GetAttr("type"))
		var ids []string
		if p.Type().HasAttribute("identifiers") {
			ids = strs(p.GetAttr("identifiers"))
		}
		if _, ok := byType[typ]; !ok {
			order = append(order, typ)
		}
		byType[typ] = append(byType[typ], ids...)
	}
	if len(order) == 0 {
		return nil
	}
	if len(order) == 1 && order[0] == "*" {
		return "*"
	}
	out := map[string]any{}
	for _, t := range order {
		out[t] = oneOrList(byType[t])
	}
	return out
}

func oneOrList(s []string) any {
	switch len(s) {
	case 0:
		return nil
	case 1:
		return s[0]
	}
	return s
}

// str returns a known, non-null string value (numbers and bools converted), else "".
func str(v cty.Value) string {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		return ""
	}
	switch v.Type() {
	case cty.String:
		return v.AsString()
	case cty.Number:
		return v.AsBigFloat().Text('f', -1)
	case cty.Bool:
		if v.True() {
			return "true"
		}
		return "false"
	}
	return ""
}

// strs returns the known strings of a list, set or tuple (or a lone string).
func strs(v cty.Value) []string {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		return nil
	}
	if v.Type() == cty.String {
		return []string{v.AsString()}
	}
	var out []string
	for _, e := range elems(v) {
		if s := str(e); s != "" || (e.IsKnown() && !e.IsNull()) {
			out = append(out, s)
		}
	}
	return out
}
