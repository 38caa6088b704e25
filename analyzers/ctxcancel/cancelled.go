package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// cancelledOnReturn reports the rule cancelled-on-return: a function
// creates ctx with a cancel constructor and defers its cancel, then returns
// ctx (or a context derived from it), or starts a goroutine that works
// with it and returns without waiting. The caller, or the goroutine,
// receives a context that is cancelled the moment the function returns.
// Only a defer in the statement list of the creation counts, and only
// returns and go statements after it in that block: there the cancel has
// surely been deferred. Goroutines that only watch ctx (ctx.Done, ctx.Err)
// are meant to stop with it and are not reported, nor are goroutines after
// which the function may still be running (see joinedAfter).
func (c *checker) cancelledOnReturn(u *unit, sites []*site) {
	for _, s := range sites {
		if s.cancel == nil || s.ctx == nil || s.loop != nil {
			continue
		}
		list, end := enclosingList(u, s.stmt)
		d := deferIn(c, list, s.cancel)
		if d == nil || d.Pos() < s.stmt.Pos() || c.reassigned(u, s.ctx, s.stmt) {
			continue
		}
		set := c.newCtxSet(u, nil, s.ctx)
		related := analysis.RelatedInformation{Pos: d.Pos(), End: d.End(), Message: fmt.Sprintf("%s deferred here", s.cancel.Name())}
		inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
			if n.Pos() < d.End() || n.Pos() >= end {
				return n.Pos() < end // before the defer, or outside its block
			}
			switch n := n.(type) {
			case *ast.ReturnStmt:
				for _, r := range n.Results {
					if set.has(r) || c.holds(r, set) {
						c.report.Report(analysis.Diagnostic{
							Pos: r.Pos(), End: r.End(), Category: ruleCancelledOnReturn,
							Message: fmt.Sprintf("%s is returned but %s is deferred (line %d), so the caller receives a context that is already cancelled: return %s to the caller instead of deferring it", s.ctx.Name(), s.cancel.Name(), c.line(d.Pos()), s.cancel.Name()),
							Related: []analysis.RelatedInformation{related},
						})
						break
					}
				}
			case *ast.GoStmt:
				if use := set.goUse(n); use != nil && !c.joinedAfter(u, n, stack, set) && !c.reported[n.Pos()] {
					c.reported[n.Pos()] = true
					c.report.Report(analysis.Diagnostic{
						Pos: n.Pos(), End: n.End(), Category: ruleCancelledOnReturn,
						Message: fmt.Sprintf("the goroutine works with %s but the function returns without waiting for it and %s is deferred (line %d), so the goroutine's context is cancelled at once: wait for the goroutine, or give it context.WithoutCancel(%s) and its own timeout", s.ctx.Name(), s.cancel.Name(), c.line(d.Pos()), s.ctx.Name()),
						Related: []analysis.RelatedInformation{related, {Pos: use.Pos(), End: use.End(), Message: "context used here"}},
					})
				}
			}
			return true
		})
	}
}

// holds reports whether e is a composite literal (or its address) with
// an element that is a context of the set: a struct that carries a dead
// context out of the function.
func (c *checker) holds(e ast.Expr, set *ctxSet) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		if set.has(elt) {
			return true
		}
	}
	return false
}

// enclosingList returns the statement list that holds stmt (an
// assignment, or the value spec of a declaration) and the end of its block.
func enclosingList(u *unit, stmt ast.Node) ([]ast.Stmt, token.Pos) {
	var list []ast.Stmt
	var end token.Pos
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		if list != nil {
			return false
		}
		if n != stmt {
			return true
		}
		for i := len(stack) - 1; i >= 0; i-- {
			switch b := stack[i].(type) {
			case *ast.BlockStmt:
				list, end = b.List, b.End()
			case *ast.CaseClause:
				list, end = b.Body, b.End()
			case *ast.CommClause:
				list, end = b.Body, b.End()
			default:
				continue
			}
			break
		}
		return false
	})
	return list, end
}

// deferIn returns the defer statement of list that calls cancel, directly
// or in a deferred function literal that calls it on every path (a
// literal that cancels only under a condition, defer func() { if err !=
// nil { cancel() } }(), hands the context on when it succeeds).
func deferIn(c *checker, list []ast.Stmt, cancel *types.Var) *ast.DeferStmt {
	for _, st := range list {
		d, ok := st.(*ast.DeferStmt)
		if !ok {
			continue
		}
		if c.varOf(d.Call.Fun) == cancel {
			return d
		}
		if lit, ok := d.Call.Fun.(*ast.FuncLit); ok && c.cancelsAlways(lit.Body, cancel) {
			return d
		}
	}
	return nil
}

// reassigned reports whether v is assigned anywhere in u other than by def.
func (c *checker) reassigned(u *unit, v *types.Var, def ast.Node) bool {
	found := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && n != def {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// cancelsAlways reports whether body calls cancel as one of its own
// statements, with no return before it: every run of body calls it.
func (c *checker) cancelsAlways(body *ast.BlockStmt, cancel *types.Var) bool {
	for _, st := range body.List {
		if es, ok := st.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && c.varOf(call.Fun) == cancel {
				return true
			}
		}
		returns := false
		ast.Inspect(st, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				returns = true
			}
			return !returns
		})
		if returns {
			return false
		}
	}
	return false
}
