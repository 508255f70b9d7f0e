package terraform

import (
	"strconv"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// joinFuncs joins each S3 split resource type into its bucket under the inline (AWS
// provider v3) names.
var joinFuncs = map[string]func(b, s *model.Resource){
	"aws_s3_bucket_versioning": func(b, s *model.Resource) {
		vc := first(attr(s.Attrs, "versioning_configuration"))
		if !vc.IsKnown() {
			setJoined(b, s, "versioning", cty.DynamicVal, nil)
			return
		}
		if vc.IsNull() {
			return
		}
		v := cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"enabled":    eqStr(attr(vc, "status"), "Enabled"),
			"mfa_delete": eqStr(attr(vc, "mfa_delete"), "Enabled"),
		})})
		setJoined(b, s, "versioning", v, [][2]string{
			{"versioning_configuration.0", "versioning.0"},
			{"versioning_configuration.0.status", "versioning.0.enabled"},
			{"versioning_configuration.0.mfa_delete", "versioning.0.mfa_delete"},
		})
	},
	"aws_s3_bucket_server_side_encryption_configuration": func(b, s *model.Resource) {
		v := cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"rule": orNull(attr(s.Attrs, "rule"))})})
		setJoined(b, s, "server_side_encryption_configuration", v, [][2]string{{"rule", "server_side_encryption_configuration.0.rule"}})
	},
	"aws_s3_bucket_logging": func(b, s *model.Resource) {
		v := cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"target_bucket": orNull(attr(s.Attrs, "target_bucket")),
			"target_prefix": orNull(attr(s.Attrs, "target_prefix")),
		})})
		setJoined(b, s, "logging", v, [][2]string{
			{"target_bucket", "logging.0.target_bucket"}, {"target_prefix", "logging.0.target_prefix"},
		})
	},
	"aws_s3_bucket_acl": func(b, s *model.Resource) {
		if a := attr(s.Attrs, "acl"); a != cty.NilVal && !(a.IsKnown() && a.IsNull()) {
			setJoined(b, s, "acl", a, [][2]string{{"acl", "acl"}})
		}
		acp := attr(s.Attrs, "access_control_policy")
		if acp == cty.NilVal || (acp.IsKnown() && acp.IsNull()) {
			return
		}
		pol := first(acp)
		if !pol.IsKnown() {
			setJoined(b, s, "grant", cty.DynamicVal, nil)
			return
		}
		grants := attr(pol, "grant")
		if !grants.IsKnown() {
			setJoined(b, s, "grant", cty.DynamicVal, nil)
			return
		}
		var out []cty.Value
		for _, g := range elems(grants) {
			ge := first(attr(g, "grantee"))
			perms := cty.EmptyTupleVal
			if p := attr(g, "permission"); p != cty.NilVal && !(p.IsKnown() && p.IsNull()) {
				perms = cty.TupleVal([]cty.Value{p})
			}
			out = append(out, cty.ObjectVal(map[string]cty.Value{
				"id": orNull(attr(ge, "id")), "type": orNull(attr(ge, "type")), "uri": orNull(attr(ge, "uri")),
				"permissions": perms,
			}))
		}
		setJoined(b, s, "grant", listOf(out), [][2]string{{"access_control_policy.0.grant", "grant"}})
	},
	"aws_s3_bucket_policy": func(b, s *model.Resource) {
		setJoined(b, s, "policy", orNull(attr(s.Attrs, "policy")), [][2]string{{"policy", "policy"}})
	},
	"aws_s3_bucket_public_access_block": func(b, s *model.Resource) {
		m := map[string]cty.Value{}
		var pm [][2]string
		for _, k := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
			v := attr(s.Attrs, k)
			if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
				v = cty.False // the provider's default
			}
			m[k] = v
			pm = append(pm, [2]string{k, "public_access_block.0." + k})
		}
		setJoined(b, s, "public_access_block", cty.ListVal([]cty.Value{cty.ObjectVal(m)}), pm)
	},
	"aws_s3_bucket_lifecycle_configuration": func(b, s *model.Resource) {
		rules := attr(s.Attrs, "rule")
		if rules == cty.NilVal || !rules.IsKnown() {
			setJoined(b, s, "lifecycle_rule", cty.DynamicVal, nil)
			return
		}
		var out []cty.Value
		pm := [][2]string{{"rule", "lifecycle_rule"}}
		for i, r := range elems(rules) {
			m := map[string]cty.Value{}
			if r.IsKnown() && !r.IsNull() && r.Type().IsObjectType() {
				m = r.AsValueMap()
				if m == nil {
					m = map[string]cty.Value{}
				}
			}
			m["enabled"] = eqStr(attr(r, "status"), "Enabled")
			out = append(out, cty.ObjectVal(m))
			n := strconv.Itoa(i)
			pm = append(pm, [2]string{"rule." + n + ".status", "lifecycle_rule." + n + ".enabled"})
		}
		setJoined(b, s, "lifecycle_rule", listOf(out), pm)
	},
	"aws_s3_bucket_object_lock_configuration": func(b, s *model.Resource) {
		enabled := attr(s.Attrs, "object_lock_enabled")
		if enabled == cty.NilVal || (enabled.IsKnown() && enabled.IsNull()) {
			enabled = cty.StringVal("Enabled")
		}
		v := cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"object_lock_enabled": enabled, "rule": orNull(attr(s.Attrs, "rule"))})})
		setJoined(b, s, "object_lock_configuration", v, [][2]string{
			{"rule", "object_lock_configuration.0.rule"}, {"object_lock_enabled", "object_lock_configuration.0.object_lock_enabled"},
		})
	},
}

// attr returns an object's attribute, NilVal when absent, DynamicVal when the object is unknown.
func attr(o cty.Value, k string) cty.Value {
	if o == cty.NilVal || o.IsNull() {
		return cty.NilVal
	}
	if !o.IsKnown() {
		return cty.DynamicVal
	}
	if o.Type().IsObjectType() {
		if o.Type().HasAttribute(k) {
			return o.GetAttr(k)
		}
		return cty.NilVal
	}
	if o.Type().IsMapType() {
		if v := o.Index(cty.StringVal(k)); v.IsKnown() {
			return v
		}
	}
	return cty.NilVal
}

func orNull(v cty.Value) cty.Value {
	if v == cty.NilVal {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return v
}

// first returns the first element of a block list (NilVal for none, DynamicVal when unknown).
func first(v cty.Value) cty.Value {
	if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
		return cty.NilVal
	}
	if !v.IsKnown() {
		return cty.DynamicVal
	}
	if v.Type().IsObjectType() || v.Type().IsMapType() {
		return v // a .tf.json block written as a single object
	}
	if !v.CanIterateElements() {
		return cty.NilVal
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		return e
	}
	return cty.NilVal
}

func eqStr(v cty.Value, want string) cty.Value {
	if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
		return cty.False
	}
	if !v.IsKnown() {
		return cty.UnknownVal(cty.Bool)
	}
	return cty.BoolVal(str(v) == want)
}

// setJoined replaces key in the bucket's Attrs with v and points the key's paths
// into the split resource (pm maps split paths to bucket paths, prefixes included).
func setJoined(b, s *model.Resource, key string, v cty.Value, pm [][2]string) {
	m := map[string]cty.Value{}
	if b.Attrs.IsKnown() && !b.Attrs.IsNull() && b.Attrs.Type().IsObjectType() {
		if vm := b.Attrs.AsValueMap(); vm != nil {
			m = vm
		}
	}
	m[key] = v
	b.Attrs = cty.ObjectVal(m)
	for p := range b.Paths {
		if p == key || strings.HasPrefix(p, key+".") {
			delete(b.Paths, p)
		}
	}
	whole := model.Loc{Range: s.BodyRange, Value: s.DeclRange, Block: true, Owner: s.Address}
	for _, fromTo := range pm {
		from, to := fromTo[0], fromTo[1]
		for p, loc := range s.Paths {
			if p == from || strings.HasPrefix(p, from+".") {
				loc.Owner = s.Address
				b.Paths[to+p[len(from):]] = loc
			}
		}
	}
	if _, ok := b.Paths[key]; !ok {
		b.Paths[key] = whole
	}
	if v.IsKnown() && !v.IsNull() && (v.Type().IsListType() || v.Type().IsTupleType()) {
		if _, ok := b.Paths[key+".0"]; !ok {
			b.Paths[key+".0"] = whole
		}
	}
	if len(b.Joined) == 0 || b.Joined[len(b.Joined)-1] != s.Address {
		b.Joined = append(b.Joined, s.Address)
	}
	s.JoinedTo = b.Address
}

// joinS3 joins the S3 split resources of one root module into their buckets. A
// split resource finds its bucket through a reference in its `bucket` argument, else
// by a literal name equal to the bucket's `bucket` attribute.
func joinS3(rs []*model.Resource) {
	byAddr := map[string]*model.Resource{}
	byBase := map[string][]*model.Resource{}
	byName := map[string]*model.Resource{}
	for _, r := range rs {
		if r.Type != "aws_s3_bucket" || r.Mode != model.Managed {
			continue
		}
		byAddr[r.Address] = r
		byBase[r.BaseAddress] = append(byBase[r.BaseAddress], r)
		if n := str(attr(r.Attrs, "bucket")); n != "" {
			if _, dup := byName[n]; !dup {
				byName[n] = r
			}
		}
	}
	if len(byAddr) == 0 {
		return
	}
	for _, s := range rs {
		fn := joinFuncs[s.Type]
		if fn == nil || s.Mode != model.Managed {
			continue
		}
		if b := findBucket(s, byAddr, byBase, byName); b != nil {
			fn(b, s)
		}
	}
}

func findBucket(s *model.Resource, byAddr map[string]*model.Resource, byBase map[string][]*model.Resource, byName map[string]*model.Resource) *model.Resource {
	for _, ref := range s.Refs {
		if ref.From != "bucket" {
			continue
		}
		if b := byAddr[ref.To]; b != nil {
			return b
		}
		cands := byBase[ref.To]
		if len(cands) == 0 {
			cands = byBase[stripKey(ref.To)]
		}
		if len(cands) == 1 {
			return cands[0]
		}
		for _, b := range cands {
			if s.Key != cty.NilVal && b.Key != cty.NilVal && s.Key.IsKnown() && b.Key.IsKnown() && s.Key.RawEquals(b.Key) {
				return b
			}
		}
	}
	if n := str(attr(s.Attrs, "bucket")); n != "" {
		return byName[n]
	}
	// `for_each = aws_s3_bucket.b` with `bucket = each.value.id`: the instance with
	// the same key.
	if s.Key != cty.NilVal && s.Key.IsKnown() {
		for _, ref := range s.Refs {
			if ref.From != "for_each" {
				continue
			}
			for _, b := range byBase[ref.To] {
				if b.Key != cty.NilVal && b.Key.IsKnown() && s.Key.RawEquals(b.Key) {
					return b
				}
			}
		}
	}
	return nil
}

// stripKey removes the instance key from an address.
func stripKey(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return addr
	}
	i := strings.LastIndex(addr, "[")
	if i < 0 || strings.Contains(addr[i:], ".") && !strings.Contains(addr[i:], "\"") {
		return addr
	}
	return addr[:i]
}
