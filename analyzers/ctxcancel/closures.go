package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A cancel that only a function literal held in a local variable refers
// to is called only when that variable is used:
//
//	ctx, cancel := context.WithTimeout(ctx, d)
//	cleanup := func() { cancel() }
//	use(ctx)
//	return // cancel is never called: cleanup never runs

// boundClosures returns the function literals of u, after the site s,
// that refer to s's cancel and are the whole value that defines a local
// variable (cleanup := func() { cancel() }), by that variable. The path
// search then counts a reference to the variable (a call, a defer, a
// hand-off to a callee, context.AfterFunc or t.Cleanup, a store, a return,
// a mention in another literal, any assignment to the variable or of its
// address) as the use of the cancel, and the literal's own reference as
// nothing; only _ = cleanup runs and hands on nothing. A literal that
// assigns the cancel is left out: its reference counts as a use where it
// stands, as before.
func (c *checker) boundClosures(u *unit, s *site) map[*types.Var]*ast.FuncLit {
	info := c.pass.TypesInfo
	var bound map[*types.Var]*ast.FuncLit
	bind := func(id *ast.Ident, e ast.Expr) {
		lit, ok := ast.Unparen(e).(*ast.FuncLit)
		f, isVar := info.Defs[id].(*types.Var)
		if !ok || !isVar || lit.Pos() < s.stmt.End() || !refersTo(info, lit, s.cancel) || c.assigns(lit, s.cancel) {
			return
		}
		if bound == nil {
			bound = make(map[*types.Var]*ast.FuncLit)
		}
		bound[f] = lit
	}
	definitions(u, func(id *ast.Ident, e ast.Expr) bool {
		bind(id, e)
		return true
	})
	return bound
}

// definitions calls visit with each local variable that u (not its
// function literals) defines with a value of its own, v := e or var v = e,
// and that value, until visit returns false.
func definitions(u *unit, visit func(id *ast.Ident, e ast.Expr) bool) {
	more := true
	inspectBody(u, func(n ast.Node, _ []ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && more {
						more = visit(id, n.Rhs[i])
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, id := range n.Names {
					if more {
						more = visit(id, n.Values[i])
					}
				}
			}
		}
		return more
	})
}

// assigns reports whether root (function literals included) assigns v
// after its declaration or takes its address.
func (c *checker) assigns(root ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
					found = true
				}
			}
		case *ast.IncDecStmt:
			found = found || c.varOf(n.X) == v
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && c.varOf(n.X) == v
		}
		return !found
	})
	return found
}

// reportUnrunClosure reports s, whose cancel the function literals of
// bound refer to, none of which is used on the path to ret.
func (c *checker) reportUnrunClosure(u *unit, s *site, ret *ast.ReturnStmt, bound map[*types.Var]*ast.FuncLit) {
	vars := make([]*types.Var, 0, len(bound))
	for f := range bound {
		vars = append(vars, f)
	}
	slices.SortFunc(vars, func(a, b *types.Var) int { return int(a.Pos() - b.Pos()) })
	f, lit := vars[0], bound[vars[0]]
	name := s.cancel.Name()
	pos, where := c.returnAt(u, ret)
	c.report.Report(analysis.Diagnostic{
		Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
		Message: fmt.Sprintf("%s from %s is not called on the path to %s: the function literal %s (line %d) that refers to it is not called, deferred or handed off on that path, so the context (and its timer) leaks until the parent is done: defer %s() right after this line", name, s.ctor.name, where, f.Name(), c.line(lit.Pos()), name),
		Related: []analysis.RelatedInformation{
			{Pos: lit.Pos(), End: lit.End(), Message: fmt.Sprintf("%s refers to %s but does not run on the path", f.Name(), name)},
			{Pos: pos, Message: fmt.Sprintf("return without calling %s", name)},
		},
	})
}
