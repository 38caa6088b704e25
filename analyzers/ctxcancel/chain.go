package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// growingChain reports the rule growing-chain: inside a loop, a context
// variable declared outside the loop is replaced by a derivation of itself,
// `ctx = context.WithValue(ctx, k, v)` or `ctx, cancel =
// context.WithTimeout(ctx, d)`. Every iteration wraps the previous
// iteration's context, so the chain (and every lookup through it) grows
// without bound. Not reported: a new variable per iteration (`c :=
// context.WithValue(ctx, ...)`), a loop-invariant parent (`ctx =
// context.WithValue(base, ...)`), a loop that resets the variable from
// elsewhere, WithValue with a key that changes per iteration (building a
// context with one value per element is intended), and an assignment
// after which every path leaves the loop (endsIteration).
func (c *checker) growingChain(u *unit) {
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Rhs) != 1 {
			return true
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := c.callee(call)
		row, ok := c.derivers.Lookup(fn)
		if !ok || row.Detach || row.Parent >= len(call.Args) || row.Ctx >= len(as.Lhs) {
			return true
		}
		v := c.varOf(call.Args[row.Parent])
		if v == nil || c.varOf(as.Lhs[row.Ctx]) != v {
			return true
		}
		loop := innermostLoop(stack)
		if loop == nil || within(loop, v.Pos()) || endsIteration(stack, as) {
			return true
		}
		if row.Value && len(call.Args) > 1 && c.dependsOnLoop(call.Args[1], loop) {
			return true
		}
		if c.resetInLoop(loop, v, as) {
			return true
		}
		c.report.Report(analysis.Diagnostic{
			Pos: as.Pos(), End: as.End(), Category: ruleGrowingChain,
			Message: fmt.Sprintf("%s is derived from itself with %s on every iteration, so the context chain grows with each one (and every lookup walks it): derive a new variable from the loop-invariant parent, c := %s(%s, ...)", v.Name(), apis.DisplayName(fn), apis.DisplayName(fn), v.Name()),
			Related: []analysis.RelatedInformation{{Pos: loop.Pos(), Message: "the loop"}},
		})
		return true
	})
}

// dependsOnLoop reports whether e refers to a variable declared in loop.
func (c *checker) dependsOnLoop(e ast.Expr, loop ast.Node) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && within(loop, v.Pos()) {
				found = true
			}
		}
		return !found
	})
	return found
}

// resetInLoop reports whether loop assigns v anywhere but in as, from an
// expression that does not mention v.
func (c *checker) resetInLoop(loop ast.Node, v *types.Var, as *ast.AssignStmt) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		a, ok := n.(*ast.AssignStmt)
		if !ok || a == as {
			return !found
		}
		for _, l := range a.Lhs {
			if c.varOf(l) == v && !mentions(c.pass.TypesInfo, a.Rhs, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

func mentions(info *types.Info, es []ast.Expr, v *types.Var) bool {
	found := false
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
				found = true
			}
			return !found
		})
	}
	return found
}
