package sa1029

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports inappropriate key types in calls to context.WithValue.
var Analyzer = &analysis.Analyzer{
	Name:     "SA1029",
	Doc:      "report inappropriate key types in calls to context.WithValue\n\nThe key must be comparable and should not be of a built-in type, to avoid\ncollisions between packages using context; see staticcheck's SA1029.",
	URL:      "https://staticcheck.dev/docs/checks/#SA1029",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !importsContext(pass.Pkg) {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for c := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		if len(call.Args) != 3 || !isWithValue(typeutil.Callee(pass.TypesInfo, call)) {
			continue
		}
		checkKey(pass, call.Args[1])
	}
	return nil, nil
}

// importsContext reports whether pkg is context or imports it; only such a
// package can call context.WithValue.
func importsContext(pkg *types.Package) bool {
	if pkg.Path() == "context" {
		return true
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == "context" {
			return true
		}
	}
	return false
}

func isWithValue(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "context" && fn.Name() == "WithValue"
}

// checkKey reports the key argument of a context.WithValue call when its
// type, before the implicit conversion to any, is a basic type (directly or
// through an alias; an untyped constant takes its default type), an empty
// anonymous struct, or not comparable: staticcheck's checkWithValueKey,
// with the type that its IR gives the operand of the MakeInterface.
func checkKey(pass *analysis.Pass, arg ast.Expr) {
	tv, ok := pass.TypesInfo.Types[arg]
	if !ok || tv.Type == nil {
		return
	}
	T := tv.Type
	if _, ok := types.Unalias(T).(*types.TypeParam); ok {
		return // staticcheck reports nothing in generic bodies
	}
	if b, ok := T.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		if b.Kind() == types.UntypedNil {
			return // nil is a nil any in the IR: an interface, allowed
		}
		T = types.Default(T)
	}
	if typ, ok := types.Unalias(T).(*types.Basic); ok {
		if _, ok := T.(*types.Alias); ok {
			pass.ReportRangef(arg, "should not use built-in type %s (via alias %s) as key for value; define your own type to avoid collisions", typ, types.TypeString(T, types.RelativeTo(pass.Pkg)))
		} else {
			pass.ReportRangef(arg, "should not use built-in type %s as key for value; define your own type to avoid collisions", typ)
		}
	}
	if s, ok := T.(*types.Struct); ok && s.NumFields() == 0 {
		pass.ReportRangef(arg, "should not use empty anonymous struct as key for value; define your own type to avoid collisions")
	} else if !types.Comparable(T) {
		pass.ReportRangef(arg, "%s", fmt.Sprintf("keys used with context.WithValue must be comparable, but type %s is not comparable", T))
	}
}
