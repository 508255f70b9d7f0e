package rules

import (
	"fmt"
	"math/big"
	"reflect"
	"sort"
	"strconv"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// evalState is what the CEL values of one Evaluator share: the index that answers
// related(), the resources related() returned during the current rule, and the cache
// of resource values. It is not safe for concurrent use, like the Evaluator.
type evalState struct {
	idx     Index
	related []*model.Resource
	seen    map[*model.Resource]bool
	// roots caches resources as the resource under evaluation (unknown paths are
	// named relative to it), rels as related resources (named with their address).
	roots map[*model.Resource]*objVal
	rels  map[*model.Resource]*objVal
}

func newEvalState(idx Index) *evalState {
	return &evalState{idx: idx, seen: map[*model.Resource]bool{},
		roots: map[*model.Resource]*objVal{}, rels: map[*model.Resource]*objVal{}}
}

// resetRelated starts recording related() results for a new rule evaluation.
func (s *evalState) resetRelated() {
	s.related = s.related[:0]
	clear(s.seen)
}

func (s *evalState) record(r *model.Resource) {
	if !s.seen[r] {
		s.seen[r] = true
		s.related = append(s.related, r)
	}
}

// resourceVal returns the CEL value of a resource's attributes, converted lazily and
// cached for the life of the state. related selects the variant used for resources
// that related() returns, whose unknown paths are prefixed with their address.
func (s *evalState) resourceVal(r *model.Resource, related bool) *objVal {
	cache := s.roots
	if related {
		cache = s.rels
	}
	if v, ok := cache[r]; ok {
		return v
	}
	attrs := r.Attrs
	if attrs == cty.NilVal {
		attrs = cty.EmptyObjectVal
	}
	if attrs.IsMarked() {
		attrs, _ = attrs.Unmark()
	}
	v := &objVal{v: attrs, st: s, res: r}
	if related {
		v.owner = r.Address
	}
	cache[r] = v
	return v
}

// unknownVal is a CEL unknown whose attribute trail names the unknown attribute path,
// so that an undecided outcome can say what was missing.
func unknownVal(owner, path string) ref.Val {
	name := path
	if name == "" {
		name = "the resource"
	}
	if owner != "" {
		name = owner + "." + path
		if path == "" {
			name = owner
		}
	}
	return types.NewUnknown(0, types.NewAttributeTrail(name))
}

func joinPath(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

// ctyToCEL converts one cty value. Objects, maps, lists, sets and tuples become lazy
// wrappers that convert their elements only when a rule reads them; unknown values
// become CEL unknowns; null becomes CEL null (object attributes that are null are
// absent instead, see objVal).
//
// The value's path is parent joined with seg (or with idx when seg is ""); it is only
// built for unknowns and containers, so reading a primitive allocates no string.
func ctyToCEL(v cty.Value, owner, parent, seg string, idx int, st *evalState) ref.Val {
	path := func() string {
		if seg == "" {
			seg = strconv.Itoa(idx)
		}
		return joinPath(parent, seg)
	}
	if v.IsMarked() {
		// Marks (such as sensitive) do not matter to rules; unmarking one level at a
		// time keeps the conversion lazy.
		v, _ = v.Unmark()
	}
	if !v.IsKnown() {
		return unknownVal(owner, path())
	}
	if v.IsNull() {
		return types.NullValue
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return types.String(v.AsString())
	case ty == cty.Bool:
		return types.Bool(v.True())
	case ty == cty.Number:
		return numberToCEL(v.AsBigFloat())
	case ty.IsObjectType() || ty.IsMapType():
		return &objVal{v: v, owner: owner, path: path(), st: st}
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		return &listVal{v: v, owner: owner, path: path(), st: st}
	default:
		return types.NewErr("unsupported value of type %s at %s", ty.FriendlyName(), path())
	}
}

func numberToCEL(bf *big.Float) ref.Val {
	if bf.IsInt() {
		if i, acc := bf.Int64(); acc == big.Exact {
			return types.Int(i)
		}
	}
	f, _ := bf.Float64()
	return types.Double(f)
}

// objVal is a cty object or map seen by CEL as a map from string to value. When res
// is set it is a whole resource, which related() accepts.
type objVal struct {
	v     cty.Value
	owner string
	path  string
	st    *evalState
	res   *model.Resource
	// conv caches converted attributes: rules read the same ones over and over.
	conv map[string]ref.Val
}

// objVal is deliberately not a traits.Mapper: CEL's presence test on a Mapper yields
// the value itself, so has(r.x) on an unknown x would be unknown. As an Indexer and
// FieldTester, has() asks IsSet, which says an unknown attribute is set.
var (
	_ traits.Indexer     = (*objVal)(nil)
	_ traits.FieldTester = (*objVal)(nil)
	_ traits.Container   = (*objVal)(nil)
	_ traits.Iterable    = (*objVal)(nil)
	_ traits.Sizer       = (*objVal)(nil)
	_ mapLike            = (*objVal)(nil)
	_ traits.Lister      = (*listVal)(nil)
)

// mapLike is what objVal and CEL's own maps have in common. Lists have these methods
// too: test for traits.Lister first.
type mapLike interface {
	ref.Val
	Get(key ref.Val) ref.Val
	Iterator() traits.Iterator
	Size() ref.Val
}

// findKey looks a key up in a map-like value: CEL's own maps (json() results) and
// objVal.
func findKey(m ref.Val, key ref.Val) (ref.Val, bool, bool) {
	switch x := m.(type) {
	case *objVal:
		v, found := x.lookup(key)
		return v, found, true
	case traits.Mapper:
		v, found := x.Find(key)
		return v, found, true
	}
	return nil, false, false
}

// IsSet reports whether an attribute is present: set to a non-null value, known or not.
func (o *objVal) IsSet(field ref.Val) ref.Val {
	v, found := o.lookup(field)
	if !found && v != nil && types.IsError(v) {
		return v
	}
	return types.Bool(found)
}

func (o *objVal) keys() []string {
	if !o.v.IsKnown() || o.v.IsNull() {
		return nil
	}
	ty := o.v.Type()
	var ks []string
	if ty.IsObjectType() {
		for k := range ty.AttributeTypes() {
			if !o.v.GetAttr(k).IsNull() {
				ks = append(ks, k)
			}
		}
	} else if ty.IsMapType() {
		for it := o.v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if !ev.IsNull() {
				ks = append(ks, k.AsString())
			}
		}
	}
	sort.Strings(ks)
	return ks
}

// lookup returns the attribute named by key; null attributes are absent, unknown ones
// are present with an unknown value. (It is not called Find: with a Find method Go
// would make objVal a traits.Mapper, see above.)
func (o *objVal) lookup(key ref.Val) (ref.Val, bool) {
	k, ok := key.(types.String)
	if !ok {
		if types.IsUnknownOrError(key) {
			return key, false
		}
		return nil, false
	}
	name := string(k)
	if cv, ok := o.conv[name]; ok {
		return cv, cv != nil
	}
	v, found := o.convert(name)
	if o.conv == nil {
		o.conv = map[string]ref.Val{}
	}
	if !found {
		v = nil
	}
	o.conv[name] = v
	return v, found
}

func (o *objVal) convert(name string) (ref.Val, bool) {
	if !o.v.IsKnown() {
		return unknownVal(o.owner, joinPath(o.path, name)), true
	}
	if o.v.IsNull() {
		return nil, false
	}
	ty := o.v.Type()
	var ev cty.Value
	switch {
	case ty.IsObjectType():
		if !ty.HasAttribute(name) {
			return nil, false
		}
		ev = o.v.GetAttr(name)
	case ty.IsMapType():
		kv := cty.StringVal(name)
		if !o.v.HasIndex(kv).True() {
			return nil, false
		}
		ev = o.v.Index(kv)
	default:
		return nil, false
	}
	if ev.IsNull() {
		return nil, false
	}
	return ctyToCEL(ev, o.owner, o.path, name, 0, o.st), true
}

func (o *objVal) Get(key ref.Val) ref.Val {
	v, found := o.lookup(key)
	if !found {
		if v != nil {
			return v
		}
		return types.NewErr("no such key: %v", key)
	}
	return v
}

func (o *objVal) Contains(key ref.Val) ref.Val {
	v, found := o.lookup(key)
	if !found && v != nil {
		return v
	}
	return types.Bool(found)
}

func (o *objVal) Size() ref.Val { return types.Int(len(o.keys())) }

func (o *objVal) Iterator() traits.Iterator {
	ks := o.keys()
	vals := make([]ref.Val, len(ks))
	for i, k := range ks {
		vals[i] = types.String(k)
	}
	return &sliceIter{vals: vals}
}

func (o *objVal) ConvertToNative(typeDesc reflect.Type) (any, error) {
	n, err := toNative(o)
	if err != nil {
		return nil, err
	}
	if typeDesc.Kind() == reflect.Interface || reflect.TypeOf(n).AssignableTo(typeDesc) {
		return n, nil
	}
	return nil, fmt.Errorf("cannot convert map to %v", typeDesc)
}

func (o *objVal) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.MapType:
		return o
	case types.TypeType:
		return types.MapType
	}
	return types.NewErr("type conversion error from map to '%s'", t)
}

func (o *objVal) Equal(other ref.Val) ref.Val {
	om, ok := other.(mapLike)
	if _, isList := other.(traits.Lister); !ok || isList {
		return types.False
	}
	ks := o.keys()
	if om.Size() != types.Int(len(ks)) {
		return types.False
	}
	for _, k := range ks {
		ov, found, _ := findKey(om, types.String(k))
		if !found {
			return types.False
		}
		mv, _ := o.lookup(types.String(k))
		eq := mv.Equal(ov)
		if eq != types.True {
			return eq
		}
	}
	return types.True
}

func (o *objVal) Type() ref.Type { return types.MapType }
func (o *objVal) Value() any     { return o.v }

// listVal is a cty list, set or tuple seen by CEL as a list.
type listVal struct {
	v     cty.Value
	owner string
	path  string
	st    *evalState
	elems []cty.Value
	conv  []ref.Val // converted elements, filled as they are read
	done  bool
}

func (l *listVal) slice() []cty.Value {
	if !l.done {
		l.done = true
		l.elems = l.v.AsValueSlice()
		l.conv = make([]ref.Val, len(l.elems))
	}
	return l.elems
}

func (l *listVal) Get(idx ref.Val) ref.Val {
	i, err := types.IndexOrError(idx)
	if err != nil {
		return types.NewErr("%v", err)
	}
	es := l.slice()
	if i < 0 || i >= len(es) {
		return types.NewErr("index out of range: %d", i)
	}
	if c := l.conv[i]; c != nil {
		return c
	}
	c := ctyToCEL(es[i], l.owner, l.path, "", i, l.st)
	l.conv[i] = c
	return c
}

func (l *listVal) Size() ref.Val { return types.Int(len(l.slice())) }

func (l *listVal) Contains(elem ref.Val) ref.Val {
	var unk ref.Val
	for i := range l.slice() {
		eq := l.Get(types.Int(i)).Equal(elem)
		if eq == types.True {
			return types.True
		}
		if types.IsUnknown(eq) && unk == nil {
			unk = eq
		}
	}
	if unk != nil {
		return unk
	}
	return types.False
}

func (l *listVal) Iterator() traits.Iterator { return &listIter{l: l} }

func (l *listVal) Add(other ref.Val) ref.Val {
	ol, ok := other.(traits.Lister)
	if !ok {
		return types.NewErr("no such overload: list + %s", other.Type())
	}
	var out []ref.Val
	for i := range l.slice() {
		out = append(out, l.Get(types.Int(i)))
	}
	for it := ol.Iterator(); it.HasNext() == types.True; {
		out = append(out, it.Next())
	}
	return types.NewRefValList(types.DefaultTypeAdapter, out)
}

func (l *listVal) ConvertToNative(typeDesc reflect.Type) (any, error) {
	n, err := toNative(l)
	if err != nil {
		return nil, err
	}
	if typeDesc.Kind() == reflect.Interface || reflect.TypeOf(n).AssignableTo(typeDesc) {
		return n, nil
	}
	return nil, fmt.Errorf("cannot convert list to %v", typeDesc)
}

func (l *listVal) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.ListType:
		return l
	case types.TypeType:
		return types.ListType
	}
	return types.NewErr("type conversion error from list to '%s'", t)
}

func (l *listVal) Equal(other ref.Val) ref.Val {
	ol, ok := other.(traits.Lister)
	if !ok {
		return types.False
	}
	n := len(l.slice())
	if ol.Size() != types.Int(n) {
		return types.False
	}
	for i := 0; i < n; i++ {
		eq := l.Get(types.Int(i)).Equal(ol.Get(types.Int(i)))
		if eq != types.True {
			return eq
		}
	}
	return types.True
}

func (l *listVal) Type() ref.Type { return types.ListType }
func (l *listVal) Value() any     { return l.v }

type listIter struct {
	l *listVal
	i int
}

func (it *listIter) HasNext() ref.Val { return types.Bool(it.i < len(it.l.slice())) }
func (it *listIter) Next() ref.Val {
	if it.i >= len(it.l.slice()) {
		return types.NewErr("iterator exhausted")
	}
	v := it.l.Get(types.Int(it.i))
	it.i++
	return v
}
func (it *listIter) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("iterator cannot be converted")
}
func (it *listIter) ConvertToType(ref.Type) ref.Val {
	return types.NewErr("iterator cannot be converted")
}
func (it *listIter) Equal(ref.Val) ref.Val { return types.False }
func (it *listIter) Type() ref.Type        { return types.IteratorType }
func (it *listIter) Value() any            { return nil }

type sliceIter struct {
	vals []ref.Val
	i    int
}

func (it *sliceIter) HasNext() ref.Val { return types.Bool(it.i < len(it.vals)) }
func (it *sliceIter) Next() ref.Val {
	if it.i >= len(it.vals) {
		return types.NewErr("iterator exhausted")
	}
	v := it.vals[it.i]
	it.i++
	return v
}
func (it *sliceIter) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("iterator cannot be converted")
}
func (it *sliceIter) ConvertToType(ref.Type) ref.Val {
	return types.NewErr("iterator cannot be converted")
}
func (it *sliceIter) Equal(ref.Val) ref.Val { return types.False }
func (it *sliceIter) Type() ref.Type        { return types.IteratorType }
func (it *sliceIter) Value() any            { return nil }

// errUnknownInside reports that a value could not be made native because part of it
// is unknown; the unknown itself travels in the error.
type errUnknownInside struct{ unk ref.Val }

func (e errUnknownInside) Error() string { return "value is unknown" }

// toNative converts any CEL value to plain Go values (map[string]any, []any, string,
// int64, float64, bool, nil). An unknown anywhere yields errUnknownInside.
func toNative(v ref.Val) (any, error) {
	switch x := v.(type) {
	case *types.Unknown:
		return nil, errUnknownInside{x}
	case *types.Err:
		return nil, x
	case types.String:
		return string(x), nil
	case types.Int:
		return int64(x), nil
	case types.Uint:
		return uint64(x), nil
	case types.Double:
		return float64(x), nil
	case types.Bool:
		return bool(x), nil
	case types.Null:
		return nil, nil
	case traits.Lister:
		var out []any
		for it := x.Iterator(); it.HasNext() == types.True; {
			nv, err := toNative(it.Next())
			if err != nil {
				return nil, err
			}
			out = append(out, nv)
		}
		if out == nil {
			out = []any{}
		}
		return out, nil
	case mapLike:
		out := map[string]any{}
		for it := x.Iterator(); it.HasNext() == types.True; {
			k := it.Next()
			ks, ok := k.(types.String)
			if !ok {
				return nil, fmt.Errorf("map key %v is not a string", k)
			}
			nv, err := toNative(x.Get(k))
			if err != nil {
				return nil, err
			}
			out[string(ks)] = nv
		}
		return out, nil
	default:
		return v.Value(), nil
	}
}
