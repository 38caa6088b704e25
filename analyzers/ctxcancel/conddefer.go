package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// A cancel that only a conditional deferred function calls:
//
//	func dial(ctx context.Context) (err error) {
//		ctx, cancel := context.WithTimeout(ctx, time.Second)
//		defer func() {
//			if err != nil {
//				cancel()
//			}
//		}()
//		...
//		return nil // cancel is not called: the timer runs until it fires
//	}
//
// Every reference to cancel is a call inside one deferred function
// literal, each under a test that the function's named error result is
// not nil. A return that gives nil for that result then leaves with the
// cancel uncalled. That is deliberate when the context goes on living
// after a success (returned, stored, handed to a goroutine or a function
// literal): the rule stays silent when any context of the set escapes
// the function.

// conditionalCancel returns the deferred literal and the return that
// leaves s's cancel uncalled, or nils.
func (c *checker) conditionalCancel(u *unit, s *site) (*ast.DeferStmt, *ast.ReturnStmt) {
	errRes := namedErrorResult(c.pass.TypesInfo, u)
	if errRes == nil || s.ctx == nil {
		return nil, nil
	}
	var lit *ast.FuncLit
	var def *ast.DeferStmt
	ok := true
	ast.Inspect(u.body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if d, isDefer := n.(*ast.DeferStmt); isDefer {
			if l, isLit := ast.Unparen(d.Call.Fun).(*ast.FuncLit); isLit && refersTo(c.pass.TypesInfo, l, s.cancel) {
				if lit != nil {
					ok = false // two of them
					return false
				}
				lit, def = l, d
				return false
			}
		}
		if l, isLit := n.(*ast.FuncLit); isLit && refersTo(c.pass.TypesInfo, l, s.cancel) {
			ok = false // another closure holds it
			return false
		}
		if id, isID := n.(*ast.Ident); isID && c.pass.TypesInfo.Uses[id] == s.cancel {
			ok = false // used outside the deferred literal
		}
		return true
	})
	if !ok || lit == nil || def.Pos() < s.stmt.End() || !c.callsOnlyOnError(lit.Body, s.cancel, errRes) {
		return nil, nil
	}
	set := c.newCtxSet(u, nil, s.ctx)
	if c.escapes(u, set, lit) {
		return nil, nil
	}
	var ret *ast.ReturnStmt
	inspectBody(u, func(n ast.Node, _ []ast.Node) bool {
		r, isRet := n.(*ast.ReturnStmt)
		if !isRet || ret != nil || r.Pos() < def.End() {
			return ret == nil
		}
		if len(r.Results) == u.sig.Results().Len() && len(r.Results) > 0 {
			if id, isID := ast.Unparen(r.Results[len(r.Results)-1]).(*ast.Ident); isID && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil") {
				ret = r
			}
		}
		return true
	})
	if ret == nil {
		return nil, nil
	}
	return def, ret
}

// namedErrorResult returns the last result of u when it is a named error.
func namedErrorResult(info *types.Info, u *unit) *types.Var {
	res := u.sig.Results()
	if res.Len() == 0 {
		return nil
	}
	v := res.At(res.Len() - 1)
	if v.Name() == "" || v.Name() == "_" || !types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
		return nil
	}
	return v
}

// callsOnlyOnError reports whether body references cancel only as calls,
// each inside the body of an if whose condition is errRes != nil (alone
// or as a conjunct).
func (c *checker) callsOnlyOnError(body *ast.BlockStmt, cancel, errRes *types.Var) bool {
	ok, calls := true, 0
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || c.pass.TypesInfo.Uses[id] != cancel || !ok {
			return ok
		}
		if len(stack) == 0 {
			ok = false
			return false
		}
		call, isCall := stack[len(stack)-1].(*ast.CallExpr)
		if !isCall || ast.Unparen(call.Fun) != id {
			ok = false
			return false
		}
		guarded := false
		for i := len(stack) - 1; i > 0; i-- {
			if iff, isIf := stack[i-1].(*ast.IfStmt); isIf && stack[i] == iff.Body && c.testsNotNil(iff.Cond, errRes) {
				guarded = true
				break
			}
		}
		if !guarded {
			ok = false
		}
		calls++
		return true
	})
	return ok && calls > 0
}

// testsNotNil reports whether cond is v != nil, or a conjunction with it.
func (c *checker) testsNotNil(cond ast.Expr, v *types.Var) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LAND:
		return c.testsNotNil(b.X, v) || c.testsNotNil(b.Y, v)
	case token.NEQ:
		x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
		if id, ok := y.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil") {
			return c.varOf(x) == v
		}
	}
	return false
}

// escapes reports whether a context of set leaves the function otherwise
// than through calls: returned, stored into a field, element or composite
// literal, given to a goroutine, or referenced by a function literal other
// than skip.
func (c *checker) escapes(u *unit, set *ctxSet, skip *ast.FuncLit) bool {
	found := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if n == skip {
				return false
			}
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if e, ok := m.(ast.Expr); ok && set.has(e) {
					found = true
				}
				return !found
			})
			return false
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if set.has(r) || c.holds(r, set) {
					found = true
				}
			}
		case *ast.GoStmt:
			for _, a := range n.Call.Args {
				if set.has(a) {
					found = true
				}
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				if set.has(e) {
					found = true
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if _, ok := ast.Unparen(l).(*ast.Ident); !ok && set.has(n.Rhs[i]) {
						found = true
					}
				}
			}
		case *ast.SendStmt:
			if set.has(n.Value) {
				found = true
			}
		}
		return !found
	})
	return found
}

// refersTo reports whether lit mentions v.
func refersTo(info *types.Info, lit *ast.FuncLit, v *types.Var) bool {
	found := false
	ast.Inspect(lit, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// reportConditionalCancel reports s when only a conditional deferred
// literal calls its cancel and a successful return skips it.
func (c *checker) reportConditionalCancel(u *unit, s *site) {
	def, ret := c.conditionalCancel(u, s)
	if def == nil {
		return
	}
	name := s.cancel.Name()
	errName := namedErrorResult(c.pass.TypesInfo, u).Name()
	c.report.Report(analysis.Diagnostic{
		Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
		Message: fmt.Sprintf("%s from %s is called only by the deferred function at line %d when %s is not nil, so the return at line %d leaves it uncalled and the context (and its timer) leaks until the parent is done: defer %s() unconditionally", name, s.ctor.name, c.line(def.Pos()), errName, c.line(ret.Pos()), name),
		Related: []analysis.RelatedInformation{
			{Pos: def.Pos(), End: def.End(), Message: fmt.Sprintf("%s is called here only when %s != nil", name, errName)},
			{Pos: ret.Pos(), End: ret.End(), Message: fmt.Sprintf("returns with %s nil", errName)},
		},
	})
}
