package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// baseFuncs returns the functions that do not touch the file system.
func baseFuncs() map[string]function.Function {
	f := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc, "pow": stdlib.PowFunc,
		"parseint": stdlib.ParseIntFunc, "signum": stdlib.SignumFunc,
		"chomp": stdlib.ChompFunc, "format": boundedFormat(stdlib.FormatFunc), "formatlist": boundedFormat(stdlib.FormatListFunc),
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"index": indexFunc, "keys": stdlib.KeysFunc, "lookup": stdlib.LookupFunc,
		"merge": stdlib.MergeFunc, "range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"length": lengthFunc, "replace": replaceFunc, "one": oneFunc, "sum": sumFunc,
		"alltrue": allTrueFunc, "anytrue": anyTrueFunc,
		"startswith": strPredFunc(strings.HasPrefix), "endswith": strPredFunc(strings.HasSuffix),
		"strcontains":  strPredFunc(strings.Contains),
		"base64encode": strFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": strFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return "", fmt.Errorf("invalid base64: %w", err)
			}
			return string(b), nil
		}),
		"urlencode":    strFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"md5":          hashFunc(func(b []byte) []byte { h := md5.Sum(b); return h[:] }, hex.EncodeToString),
		"sha1":         hashFunc(func(b []byte) []byte { h := sha1.Sum(b); return h[:] }, hex.EncodeToString),
		"sha256":       hashFunc(func(b []byte) []byte { h := sha256.Sum256(b); return h[:] }, hex.EncodeToString),
		"sha512":       hashFunc(func(b []byte) []byte { h := sha512.Sum512(b); return h[:] }, hex.EncodeToString),
		"base64sha256": hashFunc(func(b []byte) []byte { h := sha256.Sum256(b); return h[:] }, base64.StdEncoding.EncodeToString),
		"basename":     strFunc(func(s string) (string, error) { return path.Base(s), nil }),
		"dirname":      strFunc(func(s string) (string, error) { return path.Dir(s), nil }),
		"sensitive":    identityFunc, "nonsensitive": identityFunc,
		"cidrhost": cidrHostFunc, "cidrsubnet": cidrSubnetFunc, "cidrnetmask": cidrNetmaskFunc, "cidrsubnets": cidrSubnetsFunc,
	}
	return f
}

// rootFuncs adds the file functions, which read only inside the workspace root
// (paths relative to the root module directory, as Terraform resolves them).
func rootFuncs(base map[string]function.Function, wsRoot, modDir string, overlays map[string][]byte) map[string]function.Function {
	f := make(map[string]function.Function, len(base)+4)
	for k, v := range base {
		f[k] = v
	}
	read := func(p string) ([]byte, bool) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(modDir, p)
		}
		p = filepath.Clean(p)
		if b, ok := overlays[p]; ok {
			return b, true
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return nil, false
		}
		rootReal, err := filepath.EvalSymlinks(wsRoot)
		if err != nil {
			return nil, false
		}
		if rel, err := filepath.Rel(rootReal, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, false
		}
		st, err := os.Stat(real)
		if err != nil || st.IsDir() || st.Size() > DefaultMaxFileSize {
			return nil, false
		}
		b, err := os.ReadFile(real)
		return b, err == nil
	}
	f["file"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, ok := read(args[0].AsString())
			if !ok {
				return cty.UnknownVal(cty.String), nil
			}
			return cty.StringVal(string(b)), nil
		},
	})
	f["fileexists"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, ok := read(args[0].AsString())
			return cty.BoolVal(ok), nil
		},
	})
	f["filebase64"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, ok := read(args[0].AsString())
			if !ok {
				return cty.UnknownVal(cty.String), nil
			}
			return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
		},
	})
	f["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, ok := read(args[0].AsString())
			if !ok || !args[1].IsWhollyKnown() || args[1].IsNull() {
				return cty.DynamicVal, nil
			}
			ty := args[1].Type()
			if !ty.IsObjectType() && !ty.IsMapType() {
				return cty.DynamicVal, nil
			}
			expr, diags := hclsyntax.ParseTemplate(b, args[0].AsString(), hcl.InitialPos)
			if diags.HasErrors() {
				return cty.DynamicVal, nil
			}
			vars := map[string]cty.Value{}
			for it := args[1].ElementIterator(); it.Next(); {
				k, v := it.Element()
				vars[k.AsString()] = v
			}
			v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: base})
			if diags.HasErrors() {
				return cty.DynamicVal, nil
			}
			return v, nil
		},
	})
	return f
}

// stubFunc stands for a function tm-ls does not know: any arguments, unknown result.
var stubFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
})

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if v.Type() == cty.String {
			return stdlib.Strlen(v)
		}
		if v.Type().IsObjectType() {
			return cty.NumberIntVal(int64(len(v.Type().AttributeTypes()))), nil
		}
		if v.Type().IsTupleType() {
			return cty.NumberIntVal(int64(len(v.Type().TupleElementTypes()))), nil
		}
		if !v.Type().IsCollectionType() {
			return cty.UnknownVal(cty.Number), fmt.Errorf("length of a %s", v.Type().FriendlyName())
		}
		return v.Length(), nil
	},
})

var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, sub, rep := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), fmt.Errorf("invalid regexp: %w", err)
			}
			return cty.StringVal(re.ReplaceAllString(s, rep)), nil
		}
		return cty.StringVal(strings.ReplaceAll(s, sub, rep)), nil
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
			return cty.DynamicVal, nil
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.DynamicVal, fmt.Errorf("one: must be a list, set or tuple of zero or one elements")
	},
})

func elems(v cty.Value) []cty.Value {
	var out []cty.Value
	if v.IsNull() || !v.IsKnown() || !v.CanIterateElements() {
		return nil
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		total := cty.Zero
		for _, e := range elems(args[0]) {
			if e.IsNull() || e.Type() != cty.Number {
				return cty.UnknownVal(cty.Number), fmt.Errorf("sum: elements must be numbers")
			}
			total = total.Add(e)
		}
		return total, nil
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if !args[0].IsKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			unknown := false
			for _, e := range elems(args[0]) {
				if !e.IsKnown() {
					unknown = true
					continue
				}
				b := !e.IsNull() && (e.RawEquals(cty.True) || (e.Type() == cty.String && e.AsString() == "true"))
				if all && !b {
					return cty.False, nil
				}
				if !all && b {
					return cty.True, nil
				}
			}
			if unknown {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.BoolVal(all), nil
		},
	})
}

var allTrueFunc = boolFold(true)
var anyTrueFunc = boolFold(false)

func strPredFunc(pred func(s, x string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "x", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(pred(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func strFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func hashFunc(h func([]byte) []byte, enc func([]byte) string) function.Function {
	return strFunc(func(s string) (string, error) { return enc(h([]byte(s))), nil })
}

func numArg(v cty.Value) (int64, error) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return 0, fmt.Errorf("%s is not a whole number", bf.String())
	}
	i, acc := bf.Int64()
	if acc != big.Exact {
		return 0, fmt.Errorf("number out of range")
	}
	return i, nil
}

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, nw, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("invalid CIDR: %w", err)
		}
		n, err := numArg(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		ones, bits := nw.Mask.Size()
		base := new(big.Int).SetBytes(nw.IP)
		size := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
		num := big.NewInt(n)
		if n < 0 {
			num.Add(size, num)
		}
		if num.Sign() < 0 || num.Cmp(size) >= 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("host number %d out of range", n)
		}
		return cty.StringVal(ipFromInt(base.Add(base, num), len(nw.IP)).String()), nil
	},
})

func ipFromInt(i *big.Int, n int) net.IP {
	b := i.Bytes()
	ip := make(net.IP, n)
	copy(ip[n-len(b):], b)
	return ip
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, nw, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("invalid CIDR: %w", err)
		}
		nb, err := numArg(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		num, err := numArg(args[2])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		ones, bits := nw.Mask.Size()
		if nb < 0 || int64(ones)+nb > int64(bits) || num < 0 || (nb < 63 && num >= int64(1)<<uint(nb)) {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrsubnet: arguments out of range")
		}
		newOnes := ones + int(nb)
		base := new(big.Int).SetBytes(nw.IP)
		base.Add(base, new(big.Int).Lsh(big.NewInt(num), uint(bits-newOnes)))
		ipn := net.IPNet{IP: ipFromInt(base, len(nw.IP)), Mask: net.CIDRMask(newOnes, bits)}
		return cty.StringVal(ipn.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, nw, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("invalid CIDR: %w", err)
		}
		if len(nw.Mask) != net.IPv4len {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrnetmask: IPv6 has no netmask form")
		}
		return cty.StringVal(net.IP(nw.Mask).String()), nil
	},
})

// coalesceFunc is Terraform's coalesce: the first argument that is neither null nor
// an empty string.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.DynamicVal, nil
			}
			if a.IsNull() || (a.Type() == cty.String && a.AsString() == "") {
				continue
			}
			return a, nil
		}
		return cty.DynamicVal, fmt.Errorf("coalesce: no non-null, non-empty argument")
	},
})

// indexFunc is Terraform's index: the position of a value in a list.
var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "list", Type: cty.DynamicPseudoType, AllowDynamicType: true},
		{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true},
	},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() || !args[1].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		for i, e := range elems(args[0]) {
			if eq := e.Equals(args[1]); eq.IsKnown() && eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.UnknownVal(cty.Number), fmt.Errorf("index: value not found in the list")
	},
})

// fmtWidth finds width and precision numbers in a format verb.
var fmtWidth = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(\d*)(?:\.(\d*))?`)

// boundedFormat refuses format strings whose width or precision would allocate
// absurd amounts of memory (hostile input such as "%999999999s").
func boundedFormat(f function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String {
				for _, m := range fmtWidth.FindAllStringSubmatch(args[0].AsString(), -1) {
					for _, n := range m[1:] {
						if len(n) > 4 {
							return cty.DynamicVal, fmt.Errorf("format width or precision %s is too large", n)
						}
					}
				}
			}
			return f.Call(args)
		},
	})
}

// cidrSubnetsFunc is Terraform's cidrsubnets: consecutive subnets of the given
// additional prefix lengths, each aligned to its own size.
var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, nw, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("invalid CIDR: %w", err)
		}
		ones, bits := nw.Mask.Size()
		base := new(big.Int).SetBytes(nw.IP)
		end := new(big.Int).Add(base, new(big.Int).Lsh(big.NewInt(1), uint(bits-ones)))
		cur := new(big.Int).Set(base)
		var out []cty.Value
		for _, a := range args[1:] {
			nb, err := numArg(a)
			if err != nil || nb < 1 || int64(ones)+nb > int64(bits) {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("cidrsubnets: invalid new bits")
			}
			size := new(big.Int).Lsh(big.NewInt(1), uint(int64(bits)-int64(ones)-nb))
			// Align cur up to a multiple of size (relative to 0: the base is aligned).
			rem := new(big.Int).Mod(cur, size)
			if rem.Sign() != 0 {
				cur.Add(cur, new(big.Int).Sub(size, rem))
			}
			next := new(big.Int).Add(cur, size)
			if next.Cmp(end) > 0 {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("cidrsubnets: not enough space in %s", nw)
			}
			ipn := net.IPNet{IP: ipFromInt(cur, len(nw.IP)), Mask: net.CIDRMask(ones+int(nb), bits)}
			out = append(out, cty.StringVal(ipn.String()))
			cur = next
		}
		if len(out) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		return cty.ListVal(out), nil
	},
})
