package ctxcancel

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// linkedBack reports whether the root-derived context whose cancel result
// is assigned by parent (ctx, cancel := context.WithCancel(root)) is tied
// back to an in-reach context by hand: somewhere in u, function literals
// included, cancel is handed to context.AfterFunc on an in-reach context,
// or called after the same function observed that context's cancellation
// (<-ctx.Done(), ctx.Err()). Such a function detaches on purpose, to stop
// its work in its own order (a staged shutdown that lets in-flight work
// finish), and still ends when the caller does.
func (c *checker) linkedBack(u *unit, parent ast.Node, outer *ast.CallExpr, ctxVars []*types.Var, r *types.Var) bool {
	_, cancel := c.derivedPair(parent, outer)
	if cancel == nil {
		return false
	}
	isReach := func(e ast.Expr) bool {
		if v := c.varOf(e); v != nil && slices.Contains(ctxVars, v) {
			return true
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && r != nil && c.requestCtx(r)(call)
	}
	observed := make(map[ast.Node]bool) // function bodies that observed an in-reach ctx so far
	linked := false
	ast.PreorderStack(u.body, nil, func(n ast.Node, stack []ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || linked {
			return !linked
		}
		var fun ast.Node = u.body
		for i := len(stack) - 1; i >= 0; i-- {
			if lit, ok := stack[i].(*ast.FuncLit); ok {
				fun = lit
				break
			}
		}
		fn := c.callee(call)
		if row, ok := c.signals.Lookup(fn); ok {
			hit := false
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isReach(sel.X) {
				hit = true
			}
			if len(call.Args) > 0 && isReach(call.Args[0]) {
				hit = true
				if !row.Chan && len(call.Args) == 2 && c.varOf(call.Args[1]) == cancel {
					linked = true // context.AfterFunc(ctx, cancel)
				}
			}
			if hit {
				observed[fun] = true
			}
			return true
		}
		if c.varOf(call.Fun) == cancel && observed[fun] { // cancel() or cancel(cause)
			linked = true
		}
		return true
	})
	return linked
}

// keptInObject reports whether the root-derived context and its cancel,
// assigned to local variables by parent (ctx, cancel :=
// context.WithCancel(root)), are both kept in an object: each is stored
// into a field or element, or put in a composite literal, somewhere in u.
// The object then owns a lifetime of its own, ended by its own stop
// method, not by the call that built it: deriving from the ctx in reach
// would end the object's work when that call's context ends.
func (c *checker) keptInObject(u *unit, parent ast.Node, outer *ast.CallExpr) bool {
	ctx, cancel := c.derivedPair(parent, outer)
	if ctx == nil || cancel == nil {
		return false
	}
	kept := map[*types.Var]bool{}
	keep := func(e ast.Expr) {
		if v := c.varOf(e); v == ctx || v == cancel {
			kept[v] = true
		}
	}
	ast.Inspect(u.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				keep(e)
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, l := range n.Lhs {
				if _, ok := ast.Unparen(l).(*ast.Ident); !ok {
					keep(n.Rhs[i]) // s.ctx = ctx, m[k] = cancel
				}
			}
		}
		return true
	})
	return kept[ctx] && kept[cancel]
}

// derivedPair returns the local context and cancel variables that parent
// assigns from outer, a call of a cancel constructor (ctx, cancel :=
// context.WithCancel(root)), or nils.
func (c *checker) derivedPair(parent ast.Node, outer *ast.CallExpr) (ctx, cancel *types.Var) {
	ct, ok := c.cancelCtor(outer)
	if !ok {
		return nil, nil
	}
	as, ok := parent.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) != ct.nres {
		return nil, nil
	}
	return c.varOf(as.Lhs[0]), c.varOf(as.Lhs[ct.cancel])
}

// valuesCopied reports whether the root-derived context that parent
// assigns (ctx, cancel := context.WithTimeout(root, d), or ctx :=
// context.WithValue(root, ...)) is later given, with context.WithValue,
// a value read from an in-reach context: directly (ctx.Value(k)) or
// through local variables assigned from it; or is given to a call together
// with the in-reach context itself (copyValues(detached, ctx)). The function detaches from
// the caller's cancellation on purpose and carries over by hand the
// values it wants (a trace id for a call that must run to its own
// deadline).
func (c *checker) valuesCopied(u *unit, parent ast.Node, outer *ast.CallExpr, ctxVars []*types.Var, r *types.Var) bool {
	as, ok := parent.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != outer || len(as.Lhs) == 0 {
		return false
	}
	derived := c.varOf(as.Lhs[0])
	if derived == nil || !isContext(derived.Type()) {
		return false
	}
	// fromReach: local variables whose value is read from an in-reach
	// context, grown until nothing changes.
	fromReach := make(map[*types.Var]bool)
	mentions := func(e ast.Expr) bool { return c.refersToReach(e, ctxVars, r, fromReach) }
	if slices.Contains(ctxVars, derived) {
		// ctx, cancel := context.WithTimeout(context.Background(), d)
		// overwrites the context in reach: after it, ctx is the detached
		// one, and only reads of ctx before it read the caller's values.
		others := slices.DeleteFunc(slices.Clone(ctxVars), func(v *types.Var) bool { return v == derived })
		mentions = func(e ast.Expr) bool {
			return c.refersToReach(e, others, r, fromReach) || c.usesBefore(e, derived, as.Pos())
		}
	}
	for changed := true; changed; {
		changed = false
		ast.Inspect(u.body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Rhs) == 0 || !slices.ContainsFunc(as.Rhs, mentions) {
				return true
			}
			for _, l := range as.Lhs {
				if v := c.varOf(l); v != nil && v != derived && !isContext(v.Type()) && !fromReach[v] {
					fromReach[v] = true
					changed = true
				}
			}
			return true
		})
	}
	copied := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || copied {
			return !copied
		}
		if fn := c.callee(call); fn != nil && fn.FullName() == "context.WithValue" && len(call.Args) == 3 &&
			c.varOf(call.Args[0]) == derived && mentions(call.Args[2]) {
			copied = true
		}
		// A call given both the detached context and the one in reach
		// (mergeValues(detached, ctx)) joins them by hand.
		if slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return c.varOf(a) == derived }) &&
			slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return isContext(c.pass.TypesInfo.TypeOf(a)) && mentions(a) }) {
			copied = true
		}
		return !copied
	})
	return copied
}

// usesBefore reports whether e refers to v at a position before pos.
func (c *checker) usesBefore(e ast.Expr, v *types.Var, pos token.Pos) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Pos() < pos && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}
