package ctxcancel

import (
	"go/ast"
	"go/types"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// endsProcess reports whether fn, a function of this package, ends the
// process whenever it is called: os.Exit, not under a condition or in a
// loop, in its body, in a goroutine or deferred function literal it starts
// that way, or in a function of the package it calls that way. Such a
// function is the shutdown of the process, work that must run to its end
// whatever happens to the request that asked for it: a root context given
// to it is detached on purpose.
func (c *checker) endsProcess(fn *types.Func, visiting map[*types.Func]bool) bool {
	if fn == nil || fn.Pkg() != c.pass.Pkg || visiting[fn] {
		return false
	}
	visiting[fn] = true
	d := c.funcDecl(fn)
	return d != nil && d.Body != nil && c.exitsIn(d.Body, visiting)
}

// exitsIn reports whether the unconditional statements of body end the
// process (see endsProcess).
func (c *checker) exitsIn(body *ast.BlockStmt, visiting map[*types.Func]bool) bool {
	for _, s := range body.List {
		var call *ast.CallExpr
		switch s := s.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.GoStmt:
			call = s.Call
		case *ast.DeferStmt:
			call = s.Call
		case *ast.BlockStmt:
			if c.exitsIn(s, visiting) {
				return true
			}
		}
		if call == nil {
			continue
		}
		if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			if c.exitsIn(lit.Body, visiting) {
				return true
			}
			continue
		}
		fn := c.callee(call)
		if _, exits := apis.ProcessExits.Lookup(fn); exits || c.endsProcess(fn, visiting) {
			return true
		}
	}
	return false
}
