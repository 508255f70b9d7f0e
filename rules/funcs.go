package rules

import (
	"encoding/base64"
	"encoding/json"
	"github.com/tm-ls/tm-ls/analysis/model"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
)

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// relatedFn implements related(x, 'type'): the resources of that type that the index
// relates to x, where x is `r` or a resource returned by related(). Every resource it
// returns is recorded so that the result can point at it.
func relatedFn(x, typ ref.Val) ref.Val {
	o, ok := x.(*objVal)
	if !ok || o.res == nil {
		return types.NewErr("related(): the first argument must be a resource (r, or an element of related())")
	}
	t, ok := typ.(types.String)
	if !ok {
		return types.NewErr("related(): the type must be a string")
	}
	var out []ref.Val
	if o.st.idx != nil {
		for _, rr := range o.st.idx.Related(o.res, string(t)) {
			if rr == nil || rr.Type != string(t) {
				continue
			}
			o.st.record(rr)
			out = append(out, o.st.resourceVal(rr, true))
		}
	}
	return types.NewRefValList(types.DefaultTypeAdapter, out)
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, ".")
}

// getFn implements get(x, 'a.b.c', default): it walks maps by key and lists by their
// first element (or by a numeric segment), and returns default when a step is absent
// or null. An unknown on the way makes the result unknown.
func getFn(args ...ref.Val) ref.Val {
	if len(args) != 3 {
		return types.NewErr("get(): expects 3 arguments")
	}
	p, ok := args[1].(types.String)
	if !ok {
		return types.NewErr("get(): the path must be a string")
	}
	def := args[2]
	cur := args[0]
	segs := splitPath(string(p))
	for i := 0; i < len(segs); {
		seg := segs[i]
		switch c := cur.(type) {
		case *types.Unknown, *types.Err:
			return c
		case types.Null:
			return def
		case traits.Lister:
			if n, err := strconv.Atoi(seg); err == nil {
				if n < 0 || types.Int(n) >= c.Size().(types.Int) {
					return def
				}
				cur = c.Get(types.Int(n))
				i++
				continue
			}
			if c.Size() == types.Int(0) {
				return def
			}
			cur = c.Get(types.Int(0))
		case mapLike:
			v, found, _ := findKey(c, types.String(seg))
			if !found {
				if v != nil && types.IsUnknownOrError(v) {
					return v
				}
				return def
			}
			cur = v
			i++
		default:
			return def
		}
	}
	if _, isNull := cur.(types.Null); isNull {
		return def
	}
	return cur
}

// allBlocksFn implements all_blocks(x, 'a.b'): every object found at the path, walking
// every element of the lists on the way (nested blocks are lists of objects).
func allBlocksFn(x, path ref.Val) ref.Val {
	p, ok := path.(types.String)
	if !ok {
		return types.NewErr("all_blocks(): the path must be a string")
	}
	var out []ref.Val
	if unk := collectBlocks(x, splitPath(string(p)), &out); unk != nil {
		return unk
	}
	return types.NewRefValList(types.DefaultTypeAdapter, out)
}

func collectBlocks(cur ref.Val, segs []string, out *[]ref.Val) ref.Val {
	switch c := cur.(type) {
	case *types.Unknown, *types.Err:
		return c
	case types.Null:
		return nil
	case traits.Lister:
		if len(segs) > 0 {
			if n, err := strconv.Atoi(segs[0]); err == nil {
				if n >= 0 && types.Int(n) < c.Size().(types.Int) {
					return collectBlocks(c.Get(types.Int(n)), segs[1:], out)
				}
				return nil
			}
		}
		for it := c.Iterator(); it.HasNext() == types.True; {
			if unk := collectBlocks(it.Next(), segs, out); unk != nil {
				return unk
			}
		}
		return nil
	case mapLike:
		if len(segs) == 0 {
			*out = append(*out, c)
			return nil
		}
		v, found, _ := findKey(c, types.String(segs[0]))
		if !found {
			if v != nil && types.IsUnknownOrError(v) {
				return v
			}
			return nil
		}
		return collectBlocks(v, segs[1:], out)
	}
	return nil
}

// jsonFn implements json(s): the parsed JSON document, or an error value when s is
// not JSON.
func jsonFn(s ref.Val) ref.Val {
	str, ok := s.(types.String)
	if !ok {
		return types.NewErr("json(): expects a string")
	}
	if hasUnknownJSON(string(str)) {
		return partialJSONFn(string(str))
	}
	var v any
	if err := json.Unmarshal([]byte(str), &v); err != nil {
		return types.NewErr("json(): invalid JSON: %v", err)
	}
	return types.DefaultTypeAdapter.NativeToValue(v)
}

// statementsFn implements statements(p): the Statement list of an IAM-style policy,
// given as a JSON string or an already-parsed map. Each statement has Sid, Effect
// (strings), Action, NotAction, Resource, NotResource (lists of strings), Principal and
// NotPrincipal (maps from principal kind to list of strings; "*" becomes {"AWS": ["*"]})
// and Condition (operator → key → list of strings). Missing parts are empty, so rules
// need no has() checks. An empty string or null gives an empty list.
func statementsFn(p ref.Val) ref.Val {
	var doc any
	switch x := p.(type) {
	case types.Null:
		return types.NewRefValList(types.DefaultTypeAdapter, nil)
	case types.String:
		if strings.TrimSpace(string(x)) == "" {
			return types.NewRefValList(types.DefaultTypeAdapter, nil)
		}
		if err := json.Unmarshal([]byte(x), &doc); err != nil {
			return types.NewErr("statements(): the policy is not valid JSON: %v", err)
		}
		if hasUnknownJSON(string(x)) {
			return partialStatements(jsonToCty(doc))
		}
	case *objVal:
		if !x.v.IsWhollyKnown() {
			// A policy object (a decoded map) with unknown parts: judged on the rest.
			return partialStatements(x.v)
		}
		n, err := toNative(p)
		if err != nil {
			return types.NewErr("statements(): %v", err)
		}
		doc = n
	default:
		n, err := toNative(p)
		if err != nil {
			if u, ok := err.(errUnknownInside); ok {
				return u.unk
			}
			return types.NewErr("statements(): %v", err)
		}
		doc = n
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return types.NewErr("statements(): the policy is not a JSON object")
	}
	var stmts []any
	switch s := m["Statement"].(type) {
	case []any:
		stmts = s
	case map[string]any:
		stmts = []any{s}
	case nil:
	default:
		return types.NewErr("statements(): Statement is neither a list nor an object")
	}
	out := make([]any, 0, len(stmts))
	for _, s := range stmts {
		sm, ok := s.(map[string]any)
		if !ok {
			continue
		}
		out = append(out, normaliseStatement(sm))
	}
	return types.DefaultTypeAdapter.NativeToValue(out)
}

func normaliseStatement(s map[string]any) map[string]any {
	return map[string]any{
		"Sid":          scalarString(s["Sid"]),
		"Effect":       scalarString(s["Effect"]),
		"Action":       stringList(s["Action"]),
		"NotAction":    stringList(s["NotAction"]),
		"Resource":     stringList(s["Resource"]),
		"NotResource":  stringList(s["NotResource"]),
		"Principal":    principalMap(s["Principal"]),
		"NotPrincipal": principalMap(s["NotPrincipal"]),
		"Condition":    conditionMap(s["Condition"]),
	}
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func stringList(v any) []any {
	switch x := v.(type) {
	case nil:
		return []any{}
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			out = append(out, scalarString(e))
		}
		return out
	}
	return []any{scalarString(v)}
}

func principalMap(v any) map[string]any {
	switch x := v.(type) {
	case nil:
		return map[string]any{}
	case string:
		return map[string]any{"AWS": []any{x}}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = stringList(e)
		}
		return out
	}
	return map[string]any{"AWS": stringList(v)}
}

func conditionMap(v any) map[string]any {
	x, ok := v.(map[string]any)
	if !ok {
		return map[string]any{}
	}
	out := make(map[string]any, len(x))
	for op, e := range x {
		inner := map[string]any{}
		if em, ok := e.(map[string]any); ok {
			for k, vals := range em {
				inner[k] = stringList(vals)
			}
		}
		out[op] = inner
	}
	return out
}

// isPublicCIDR reports whether a source address or CIDR stands for the whole internet:
// any prefix of length 0 (0.0.0.0/0, ::/0), the bare all-zero addresses, and the
// wildcard words used by Azure and GCP (`*`, `Internet`, `Any`, case-insensitive).
func isPublicCIDR(s string) bool {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "*", "internet", "any", "0.0.0.0", "::", "0/0", "all":
		return true
	}
	if pfx, err := netip.ParsePrefix(t); err == nil {
		return pfx.Bits() == 0
	}
	return false
}

// cidrPublicFn implements cidr_public(s).
func cidrPublicFn(s ref.Val) ref.Val {
	str, ok := s.(types.String)
	if !ok {
		return types.NewErr("cidr_public(): expects a string")
	}
	return types.Bool(isPublicCIDR(string(str)))
}

// anyPublicFn implements any_public(list): true when some element is a whole-internet
// address; unknown when none is but some element is unknown. A single string is
// treated as a one-element list, null as empty.
func anyPublicFn(v ref.Val) ref.Val {
	switch x := v.(type) {
	case types.String:
		return types.Bool(isPublicCIDR(string(x)))
	case types.Null:
		return types.False
	case traits.Lister:
		var unk ref.Val
		for it := x.Iterator(); it.HasNext() == types.True; {
			e := it.Next()
			switch ev := e.(type) {
			case types.String:
				if isPublicCIDR(string(ev)) {
					return types.True
				}
			case *types.Unknown:
				if unk == nil {
					unk = ev
				}
			}
		}
		if unk != nil {
			return unk
		}
		return types.False
	}
	return types.NewErr("any_public(): expects a list of strings")
}

// portNumber reads a port from an int, a double or a numeric string ("*" is -1).
func portNumber(v ref.Val) (int64, bool) {
	switch x := v.(type) {
	case types.Int:
		return int64(x), true
	case types.Uint:
		return int64(x), true
	case types.Double:
		if math.Trunc(float64(x)) == float64(x) {
			return int64(x), true
		}
	case types.String:
		s := strings.TrimSpace(string(x))
		if s == "*" {
			return -1, true
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

func firstUnknownOrErr(args ...ref.Val) ref.Val {
	for _, a := range args {
		if types.IsUnknownOrError(a) {
			return a
		}
	}
	return nil
}

// portInFn implements port_in(from, to, port): from ≤ port ≤ to, where a from or to
// of -1 (or "*") covers every port, as does 0–65535.
func portInFn(args ...ref.Val) ref.Val {
	if len(args) != 3 {
		return types.NewErr("port_in(): expects 3 arguments")
	}
	if u := firstUnknownOrErr(args...); u != nil {
		return u
	}
	from, ok1 := portNumber(args[0])
	to, ok2 := portNumber(args[1])
	port, ok3 := portNumber(args[2])
	if !ok1 || !ok2 || !ok3 {
		return types.NewErr("port_in(): from, to and port must be numbers")
	}
	if from == -1 || to == -1 {
		return types.True
	}
	return types.Bool(from <= port && port <= to)
}

// portInProtoFn implements port_in(protocol, from, to, port): protocol "-1" or "all"
// (any case) covers every port; otherwise as port_in(from, to, port).
func portInProtoFn(args ...ref.Val) ref.Val {
	if len(args) != 4 {
		return types.NewErr("port_in(): expects 4 arguments")
	}
	if u := firstUnknownOrErr(args...); u != nil {
		return u
	}
	if p, ok := portNumber(args[0]); ok && p == -1 {
		return types.True
	}
	if s, ok := args[0].(types.String); ok && strings.EqualFold(string(s), "all") {
		return types.True
	}
	return portInFn(args[1:]...)
}

// portRangeFn implements port_in(range, port) for range strings as Azure writes them:
// "*", "22", "1000-2000".
func portRangeFn(rng, port ref.Val) ref.Val {
	if u := firstUnknownOrErr(rng, port); u != nil {
		return u
	}
	p, ok := portNumber(port)
	if !ok {
		return types.NewErr("port_in(): the port must be a number")
	}
	if n, ok := portNumber(rng); ok {
		return types.Bool(n == -1 || n == p)
	}
	s, ok := rng.(types.String)
	if !ok {
		return types.NewErr("port_in(): the range must be a string such as \"1000-2000\"")
	}
	lo, hi, found := strings.Cut(string(s), "-")
	if !found {
		return types.NewErr("port_in(): cannot read the port range %q", string(s))
	}
	from, err1 := strconv.ParseInt(strings.TrimSpace(lo), 10, 64)
	to, err2 := strconv.ParseInt(strings.TrimSpace(hi), 10, 64)
	if err1 != nil || err2 != nil {
		return types.NewErr("port_in(): cannot read the port range %q", string(s))
	}
	return types.Bool(from <= p && p <= to)
}

// b64decodeFn implements b64decode(s): standard base64 with or without padding (URL
// alphabet accepted too); an error value when s is not base64.
func b64decodeFn(s ref.Val) ref.Val {
	str, ok := s.(types.String)
	if !ok {
		return types.NewErr("b64decode(): expects a string")
	}
	in := strings.TrimSpace(string(str))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(in); err == nil {
			return types.String(b)
		}
	}
	return types.NewErr("b64decode(): the value is not base64")
}

// lowerFn implements lower(s): Unicode lower case.
func lowerFn(s ref.Val) ref.Val {
	str, ok := s.(types.String)
	if !ok {
		return types.NewErr("lower(): expects a string")
	}
	return types.String(strings.ToLower(string(str)))
}

// secretDetector holds the compiled patterns of looks_secret. It is immutable once
// built and built once per environment.
type secretDetector struct {
	accessKey, awsSecret, privateKey, password, passwordArg, keyed, token *regexp.Regexp
}

func newSecretDetector() *secretDetector {
	return &secretDetector{
		accessKey:  regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`),
		awsSecret:  regexp.MustCompile(`(?i)aws_secret_access_key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{20,}`),
		privateKey: regexp.MustCompile(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`),
		password:   regexp.MustCompile(`(?i)\b([a-z0-9_]*(?:password|passwd|pwd|db_pass))["']?\s*[:=]\s*("([^"$\s{<][^"]*)"|'([^'$\s{<][^']*)'|([^\s"'$&;{<,][^\s&;,]*))`),
		// define('DB_PASSWORD', 'value') and similar calls: a quoted name, a comma,
		// a quoted literal.
		passwordArg: regexp.MustCompile(`(?i)\b([a-z0-9_]*(?:password|passwd|pwd|db_pass))["']\s*,\s*["']([^"'$\s{<][^"']*)["']`),
		keyed:       regexp.MustCompile(`(?i)\b([a-z0-9_]*(secret|token|api_?key|apikey|access_?key|private_?key|auth|credential)[a-z0-9_]*)["']?\s*[:=]\s*["']?([A-Za-z0-9+/=_\-.]{16,})`),
		token:       regexp.MustCompile(`\b(ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|glpat-[A-Za-z0-9_-]{20})\b`),
	}
}

// isPlaceholder reports values that name a secret rather than hold one.
func isPlaceholder(v string) bool {
	l := strings.ToLower(v)
	for _, w := range [...]string{"changeme", "change_me", "placeholder", "example", "redacted", "xxxx", "****", "null", "none", "true", "false"} {
		if l == w || strings.HasPrefix(l, w) {
			return true
		}
	}
	return strings.HasPrefix(v, "arn:") || strings.HasPrefix(v, "var.") || strings.HasPrefix(v, "local.")
}

// namesNoSecret reports key names that mention a secret but hold a reference to it or
// a setting about it (DB_PASSWORD_ARN, TOKEN_TTL, PASSWORD_LENGTH).
func namesNoSecret(key string) bool {
	k := strings.ToLower(key)
	for _, suf := range [...]string{"_arn", "_name", "_id", "_path", "_file", "_param", "_parameter", "_url", "_version", "_length", "_ttl", "_policy", "_secret_name"} {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	return false
}

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	h := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}

func (d *secretDetector) looksSecret(s string) bool {
	if d.accessKey.MatchString(s) || d.awsSecret.MatchString(s) || d.privateKey.MatchString(s) || d.token.MatchString(s) {
		return true
	}
	for _, m := range d.password.FindAllStringSubmatch(s, -1) {
		v := m[3] + m[4] + m[5]
		if v != "" && !isPlaceholder(v) && !namesNoSecret(m[1]) {
			return true
		}
	}
	for _, m := range d.passwordArg.FindAllStringSubmatch(s, -1) {
		if !isPlaceholder(m[2]) && !namesNoSecret(m[1]) {
			return true
		}
	}
	for _, m := range d.keyed.FindAllStringSubmatch(s, -1) {
		v := m[3]
		if !isPlaceholder(v) && !namesNoSecret(m[1]) && entropy(v) >= 3.5 {
			return true
		}
	}
	return false
}

// looksSecretFn implements looks_secret(s): AWS access key ids, aws_secret_access_key
// assignments, private key headers, password assignments with a non-empty literal,
// well-known token formats, and high-entropy values after secret-like key names.
//
// A text with parts known only after apply (model.UnknownInJSON, written by the
// loader into boot scripts and JSON) is true when its known parts hold a secret,
// else unknown: the unknown parts may.
func (d *secretDetector) looksSecretFn(s ref.Val) ref.Val {
	str, ok := s.(types.String)
	if !ok {
		return types.NewErr("looks_secret(): expects a string")
	}
	text := string(str)
	if !strings.Contains(text, model.UnknownInJSON) {
		return types.Bool(d.looksSecret(text))
	}
	// An interpolation is not a literal: the patterns skip values that start
	// with "${".
	if d.looksSecret(strings.ReplaceAll(text, model.UnknownInJSON, "${unknown}")) {
		return types.True
	}
	return types.NewUnknown(0, types.NewAttributeTrail("the parts of the text known only after apply"))
}
