// Package apis holds o11ylint's knowledge of library call shapes as data:
// tables keyed by the full name of a function or method (types.Func.FullName
// of the generic origin), in the style of staticcheck's callcheck rules.
// Adding a library is adding rows, not code paths.
//
// Calls are matched by the function object the type checker resolved, never
// by spelling, so import aliases, dot imports and method values all match.
// A method row whose receiver is an interface (for example
// (go.opentelemetry.io/otel/trace.Tracer).Start) also matches a call to the
// same method on any concrete type that implements the interface: see
// [Matcher].
package apis

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// FullName returns the table key of fn: the full name of its generic origin,
// such as "context.WithCancel" or
// "(*github.com/prometheus/client_golang/prometheus.CounterVec).WithLabelValues".
func FullName(fn *types.Func) string {
	if fn == nil {
		return ""
	}
	return fn.Origin().FullName()
}

// Callee returns the function or (possibly interface) method called by call,
// or nil for calls of function values, conversions and builtins.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// SSACallee returns the function or interface method called by c, or nil
// for a dynamic call of a function value or a builtin.
func SSACallee(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if f := c.StaticCallee(); f != nil {
		if obj, ok := f.Object().(*types.Func); ok {
			return obj
		}
	}
	return nil
}

// Unparen strips parentheses from e.
func Unparen(e ast.Expr) ast.Expr { return astutil.Unparen(e) }

// UsesAny reports whether the package described by info refers to any object
// declared in one of the given packages (or their sub-packages when a path
// ends in "/..."). It is the cheap fast path run before any SSA walk: a
// package that never touches an API has nothing to report about it.
func UsesAny(info *types.Info, paths ...string) bool {
	seen := make(map[*types.Package]bool)
	for _, obj := range info.Uses {
		pkg := obj.Pkg()
		if pkg == nil {
			continue
		}
		hit, ok := seen[pkg]
		if !ok {
			hit = PathMatches(pkg.Path(), paths)
			seen[pkg] = hit
		}
		if hit {
			return true
		}
	}
	return false
}

// ImportedPackage returns pkg or the first package among its imports,
// transitively (as far as the type checker recorded them), whose path
// match accepts, or nil.
func ImportedPackage(pkg *types.Package, match func(path string) bool) *types.Package {
	if pkg == nil {
		return nil
	}
	seen := make(map[*types.Package]bool)
	var find func(p *types.Package) *types.Package
	find = func(p *types.Package) *types.Package {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if match(p.Path()) {
			return p
		}
		for _, imp := range p.Imports() {
			if q := find(imp); q != nil {
				return q
			}
		}
		return nil
	}
	return find(pkg)
}

// PathMatches reports whether path matches one of patterns ("p" or "p/...").
func PathMatches(path string, patterns []string) bool {
	for _, p := range patterns {
		if prefix, ok := strings.CutSuffix(p, "/..."); ok {
			if path == prefix || strings.HasPrefix(path, prefix+"/") {
				return true
			}
		} else if path == p {
			return true
		}
	}
	return false
}

// DisplayName names fn for messages the way a reader spells the call:
// "context.WithTimeout", "helper.StartOp", "Tracer.Start" (methods by their
// receiver's type name, without package or pointer).
func DisplayName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
