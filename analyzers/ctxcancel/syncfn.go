package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// syncCaller is the fact that a function calls the function values it
// gets at the parameter indices Params (receivers not counted) only while
// it runs, for its own caller: every use of such a parameter is a call of
// it, a comparison with nil, or passing it on where it is called the same
// way. A retry helper (retry(op, policy)) is one. A function literal
// given there runs inside its caller's call: a context of the caller that
// the literal can see is in reach for it as much as for the caller.
//
// Handing the value to anything else (a go statement, a field, a
// sync.Once or singleflight group that shares one run among callers)
// drops the parameter: a shared run is detached from any one caller on
// purpose.
type syncCaller struct {
	Params []int
}

func (*syncCaller) AFact() {}

func (s *syncCaller) String() string { return fmt.Sprintf("syncCaller%v", s.Params) }

// exportSyncCallers computes, as a greatest fixed point over the
// package's declared functions, the function parameters each one only
// calls, and exports them as syncCaller facts.
func (c *checker) exportSyncCallers(units []*unit) {
	c.syncParams = make(map[*types.Func][]int)
	c.paramFixpoint(units, c.syncParams, func(v *types.Var) bool {
		_, isFunc := v.Type().Underlying().(*types.Signature)
		return isFunc
	}, c.onlyCalled)
	for fn, ps := range c.syncParams {
		if len(ps) > 0 {
			c.pass.ExportObjectFact(fn, &syncCaller{Params: ps})
		}
	}
}

// callsSync reports whether fn calls the function value at its i-th
// parameter only while it runs (see syncCaller).
func (c *checker) callsSync(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	if ps, ok := c.syncParams[fn]; ok {
		return slices.Contains(ps, i)
	}
	var f syncCaller
	if fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn, &f) {
		return slices.Contains(f.Params, i)
	}
	return false
}

// onlyCalled reports whether every use of p in u is a call of p outside
// function literals and go statements, a comparison with nil, or an
// argument of a call that calls it the same way.
func (c *checker) onlyCalled(u *unit, p *types.Var) bool {
	ok := true
	ast.PreorderStack(u.body, nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok {
			return false
		}
		id, isID := n.(*ast.Ident)
		if !isID || c.pass.TypesInfo.Uses[id] != p {
			return true
		}
		for i, s := range stack {
			switch s := s.(type) {
			case *ast.GoStmt:
				ok = false
				return false
			case *ast.FuncLit:
				// A literal that itself only runs inside this call:
				// called in place, handed to a function that only calls
				// it, or kept in a local variable used only so.
				if !c.litRunsSync(u, s, stack[:i]) {
					ok = false
					return false
				}
			}
		}
		switch parent := stack[len(stack)-1].(type) {
		case *ast.CallExpr:
			if ast.Unparen(parent.Fun) == id {
				return true
			}
			if i := slices.IndexFunc(parent.Args, func(a ast.Expr) bool { return ast.Unparen(a) == id }); i >= 0 && c.callsSync(c.callee(parent), i) {
				return true
			}
		case *ast.BinaryExpr:
			return true // p == nil, p != nil
		}
		ok = false
		return false
	})
	return ok
}

// syncReach returns the context parameters of the functions around lit
// that lit can see, when lit is given directly to a call that runs it only
// while that call runs (a parameter with a syncCaller fact), or is called
// where it is written: what it does happens inside its maker's call. It
// returns nil otherwise.
func (c *checker) syncReach(units []*unit, lit *ast.FuncLit) []*types.Var {
	file := c.fileOf(lit.Pos())
	if file == nil {
		return nil
	}
	var outer *unit
	var call *ast.CallExpr
	idx := -1
	ast.PreorderStack(file, nil, func(n ast.Node, stack []ast.Node) bool {
		if n != lit {
			return n.Pos() <= lit.Pos() && lit.End() <= n.End()
		}
		if len(stack) > 0 {
			if p, ok := stack[len(stack)-1].(*ast.CallExpr); ok {
				call = p
				idx = slices.IndexFunc(p.Args, func(a ast.Expr) bool { return ast.Unparen(a) == lit })
				if len(stack) > 1 {
					if _, isGo := stack[len(stack)-2].(*ast.GoStmt); isGo {
						call = nil
					}
					if _, isDefer := stack[len(stack)-2].(*ast.DeferStmt); isDefer {
						call = nil
					}
				}
			}
		}
		for i := len(stack) - 1; i >= 0 && outer == nil; i-- {
			for _, u := range units {
				if u.node == stack[i] {
					outer = u
					break
				}
			}
		}
		return false
	})
	if call == nil || outer == nil || outer.sig == nil {
		return nil
	}
	if ast.Unparen(call.Fun) != lit && (idx < 0 || !c.callsSync(c.callee(call), idx)) {
		return nil
	}
	var out []*types.Var
	for i := range outer.sig.Params().Len() {
		v := outer.sig.Params().At(i)
		if !isContext(v.Type()) || unusedByName(v) || c.givenRootOnly(outer, i) {
			continue
		}
		// The name must still mean that parameter inside lit.
		if scope := c.pass.Pkg.Scope().Innermost(lit.Body.Pos()); scope != nil {
			if _, obj := scope.LookupParent(v.Name(), lit.Body.Pos()); obj != v {
				continue
			}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		if lit, ok := outer.node.(*ast.FuncLit); ok {
			return c.syncReach(units, lit)
		}
	}
	return out
}

// litRunsSync reports whether the literal lit, inside u with the nodes
// above it in stack, runs only while u's call runs: it is called in
// place, given to a function that only calls that parameter, or assigned
// once to a local variable whose every use is such a call or argument.
func (c *checker) litRunsSync(u *unit, lit *ast.FuncLit, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.CallExpr:
		if ast.Unparen(p.Fun) == lit {
			return true
		}
		i := slices.IndexFunc(p.Args, func(a ast.Expr) bool { return ast.Unparen(a) == lit })
		return i >= 0 && c.callsSync(c.callee(p), i) && !underGo(stack)
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) || p.Tok != token.DEFINE {
			return false
		}
		for i, r := range p.Rhs {
			if ast.Unparen(r) != lit {
				continue
			}
			v, ok := c.pass.TypesInfo.Defs[p.Lhs[i].(*ast.Ident)].(*types.Var)
			return ok && !c.reassigned(u, v, p) && c.onlyCalledVar(u, v)
		}
	}
	return false
}

// onlyCalledVar reports whether every use of the local function variable
// v in u is a call of it or an argument of a function that only calls
// that parameter, outside go statements and other literals.
func (c *checker) onlyCalledVar(u *unit, v *types.Var) bool {
	ok := true
	ast.PreorderStack(u.body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID || c.pass.TypesInfo.Uses[id] != v {
			return ok
		}
		if underGo(stack) || slices.ContainsFunc(stack, func(s ast.Node) bool { _, lit := s.(*ast.FuncLit); return lit }) {
			ok = false
			return false
		}
		call, isCall := stack[len(stack)-1].(*ast.CallExpr)
		if !isCall {
			ok = false
			return false
		}
		if ast.Unparen(call.Fun) == id {
			return true
		}
		i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == id })
		ok = i >= 0 && c.callsSync(c.callee(call), i)
		return ok
	})
	return ok
}

// underGo reports whether a go or defer statement is among the nodes of
// stack.
func underGo(stack []ast.Node) bool {
	return slices.ContainsFunc(stack, func(s ast.Node) bool {
		switch s.(type) {
		case *ast.GoStmt, *ast.DeferStmt:
			return true
		}
		return false
	})
}
