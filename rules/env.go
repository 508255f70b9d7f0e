package rules

import (
	"fmt"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
	"github.com/google/cel-go/common"
	"github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/ext"
)

// costLimit bounds the runtime cost of one program evaluation, and the estimated cost
// a condition may have at load time.
const costLimit = 1_000_000

// interruptEvery is how many comprehension iterations run between checks of the
// context, so that a cancelled analysis stops long-running rules.
const interruptEvery = 100

// assumedMaxSize is the size the cost estimator assumes for any list, map or string of
// a resource whose size it cannot know (rule inputs are declared dyn).
const assumedMaxSize = 20

// newEnv builds the CEL environment every rule is compiled in: the variables `r` (the
// resource's attributes) and `res` (its address, type, name, module and file), the
// related() macro and the helper functions listed in docs/design.md.
func newEnv() (*cel.Env, error) {
	secrets := newSecretDetector()
	env, err := cel.NewEnv(
		cel.Variable("r", cel.DynType),
		cel.Variable("res", cel.MapType(cel.StringType, cel.StringType)),
		cel.CrossTypeNumericComparisons(true),
		ext.Strings(),
		ext.Sets(),
		cel.Macros(cel.GlobalMacro("related", 1, expandRelated)),
		cel.Function("related",
			cel.Overload("related_dyn_string", []*cel.Type{cel.DynType, cel.StringType}, cel.ListType(cel.DynType),
				cel.BinaryBinding(relatedFn))),
		cel.Function("get",
			cel.Overload("get_dyn_string_dyn", []*cel.Type{cel.DynType, cel.StringType, cel.DynType}, cel.DynType,
				cel.FunctionBinding(getFn))),
		cel.Function("all_blocks",
			cel.Overload("all_blocks_dyn_string", []*cel.Type{cel.DynType, cel.StringType}, cel.ListType(cel.DynType),
				cel.BinaryBinding(allBlocksFn))),
		cel.Function("json",
			cel.Overload("json_string", []*cel.Type{cel.StringType}, cel.DynType, cel.UnaryBinding(jsonFn))),
		cel.Function("statements",
			cel.Overload("statements_dyn", []*cel.Type{cel.DynType}, cel.ListType(cel.MapType(cel.StringType, cel.DynType)),
				cel.UnaryBinding(statementsFn))),
		cel.Function("cidr_public",
			cel.Overload("cidr_public_string", []*cel.Type{cel.StringType}, cel.BoolType, cel.UnaryBinding(cidrPublicFn))),
		cel.Function("any_public",
			cel.Overload("any_public_dyn", []*cel.Type{cel.DynType}, cel.BoolType, cel.UnaryBinding(anyPublicFn))),
		cel.Function("port_in",
			cel.Overload("port_in_dyn_dyn_dyn", []*cel.Type{cel.DynType, cel.DynType, cel.DynType}, cel.BoolType,
				cel.FunctionBinding(portInFn)),
			cel.Overload("port_in_dyn_dyn_dyn_dyn", []*cel.Type{cel.DynType, cel.DynType, cel.DynType, cel.DynType}, cel.BoolType,
				cel.FunctionBinding(portInProtoFn)),
			cel.Overload("port_in_dyn_dyn", []*cel.Type{cel.DynType, cel.DynType}, cel.BoolType,
				cel.BinaryBinding(portRangeFn))),
		cel.Function("b64decode",
			cel.Overload("b64decode_string", []*cel.Type{cel.StringType}, cel.StringType, cel.UnaryBinding(b64decodeFn))),
		cel.Function("lower",
			cel.Overload("lower_string", []*cel.Type{cel.StringType}, cel.StringType, cel.UnaryBinding(lowerFn))),
		cel.Function("looks_secret",
			cel.Overload("looks_secret_string", []*cel.Type{cel.StringType}, cel.BoolType, cel.UnaryBinding(secrets.looksSecretFn))),
	)
	if err != nil {
		return nil, fmt.Errorf("building the CEL environment: %w", err)
	}
	return env, nil
}

// expandRelated rewrites `related('type')` into `related(r, 'type')`.
func expandRelated(eh cel.MacroExprFactory, target ast.Expr, args []ast.Expr) (ast.Expr, *common.Error) {
	return eh.NewCall("related", eh.NewIdent("r"), args[0]), nil
}

// costEstimator gives the checker sizes for inputs it cannot know (everything read from
// a resource is dyn) and costs for the helper functions, so that a rule whose worst
// case is out of proportion is rejected when it is loaded.
type costEstimator struct{}

func (costEstimator) EstimateSize(element checker.AstNode) *checker.SizeEstimate {
	return &checker.SizeEstimate{Min: 0, Max: assumedMaxSize}
}

func (costEstimator) EstimateCallCost(function, overloadID string, target *checker.AstNode, args []checker.AstNode) *checker.CallEstimate {
	switch function {
	case "json", "statements", "looks_secret", "b64decode":
		// Linear in the input string, which can be a long policy or user data.
		return &checker.CallEstimate{CostEstimate: checker.CostEstimate{Min: 1, Max: 100},
			ResultSize: &checker.SizeEstimate{Min: 0, Max: assumedMaxSize}}
	case "related", "all_blocks":
		return &checker.CallEstimate{CostEstimate: checker.CostEstimate{Min: 1, Max: assumedMaxSize},
			ResultSize: &checker.SizeEstimate{Min: 0, Max: assumedMaxSize}}
	case "get", "cidr_public", "any_public", "port_in", "lower":
		return &checker.CallEstimate{CostEstimate: checker.CostEstimate{Min: 1, Max: 10}}
	}
	return nil
}

// program compiles one CEL expression, checks its type and estimated cost, and builds
// the program that evaluations run. The error is a CEL issue list or a description.
type compileError struct {
	// Offset is the byte offset of the problem inside the expression text, -1 when
	// the problem concerns the whole expression.
	Offset  int
	Message string
}

func compileProgram(env *cel.Env, src string) (cel.Program, []compileError) {
	checked, iss := env.Compile(src)
	if iss != nil && iss.Err() != nil {
		var errs []compileError
		for _, e := range iss.Errors() {
			errs = append(errs, compileError{Offset: celOffset(src, e.Location.Line(), e.Location.Column()), Message: e.Message})
		}
		if len(errs) == 0 {
			errs = append(errs, compileError{Offset: -1, Message: iss.Err().Error()})
		}
		return nil, errs
	}
	out := checked.OutputType()
	if !out.IsExactType(types.BoolType) && !out.IsExactType(types.DynType) {
		return nil, []compileError{{Offset: -1, Message: fmt.Sprintf("the expression must be a bool, it is a %s", out)}}
	}
	est, err := env.EstimateCost(checked, costEstimator{})
	if err != nil {
		return nil, []compileError{{Offset: -1, Message: fmt.Sprintf("estimating the cost: %v", err)}}
	}
	if est.Max > costLimit {
		return nil, []compileError{{Offset: -1, Message: fmt.Sprintf(
			"the estimated worst-case cost %d exceeds the limit %d (assuming lists of up to %d elements); simplify nested comprehensions",
			est.Max, costLimit, assumedMaxSize)}}
	}
	prg, err := env.Program(checked,
		// OptOptimize compiles constant regular expressions (matches()) and folds
		// constants once, at load, instead of on every evaluation.
		cel.EvalOptions(cel.OptOptimize),
		cel.CostLimit(costLimit),
		cel.InterruptCheckFrequency(interruptEvery),
	)
	if err != nil {
		return nil, []compileError{{Offset: -1, Message: fmt.Sprintf("building the program: %v", err)}}
	}
	return prg, nil
}

// celOffset turns a CEL location (1-based line, 0-based column in code points) into a
// byte offset in src.
func celOffset(src string, line, col int) int {
	if line < 1 {
		return -1
	}
	off := 0
	for l := 1; l < line; l++ {
		i := indexByteFrom(src, '\n', off)
		if i < 0 {
			return -1
		}
		off = i + 1
	}
	for n := 0; n < col && off < len(src); n++ {
		_, size := decodeRune(src[off:])
		off += size
	}
	return off
}

func indexByteFrom(s string, b byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// boolOf interprets a program result: a decided bool, an unknown, or an error.
func boolOf(v ref.Val) (val bool, unknown *types.Unknown, err error) {
	switch x := v.(type) {
	case types.Bool:
		return bool(x), nil, nil
	case *types.Unknown:
		return false, x, nil
	case *types.Err:
		return false, nil, x
	}
	return false, nil, fmt.Errorf("the expression returned %s, not a bool", v.Type().TypeName())
}
