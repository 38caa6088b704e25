package ctxcancel

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// boundedLoop reports whether loop, a *ast.ForStmt or *ast.RangeStmt of u,
// runs a number of times fixed by the program text rather than by its data:
//
//   - for i := A; i < B; i++ with A constant (or <=, !=, >, >=, and i-- / i += k / i -= k),
//     where B is a constant and i is not assigned in the body;
//   - for range N with N a constant;
//   - a range over a constant string, a composite literal, a value of array
//     type (its length is part of the type), or a variable that holds a
//     composite literal and is never assigned, appended to or addressed
//     after its declaration (a literal table).
//
// A loop over a channel, a parameter, a map or slice built at run time,
// or one with no condition is not bounded.
func (c *checker) boundedLoop(u *unit, loop ast.Node) bool {
	info := c.pass.TypesInfo
	switch l := loop.(type) {
	case *ast.ForStmt:
		bin, ok := ast.Unparen(l.Cond).(*ast.BinaryExpr)
		if !ok || l.Post == nil {
			return false
		}
		idx, bound := bin.X, bin.Y
		if info.Types[idx].Value != nil {
			idx, bound = bound, idx
		}
		i := c.varOf(idx)
		if i == nil || !c.constantIn(u, bound) {
			return false
		}
		switch bin.Op {
		case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
		default:
			return false
		}
		if !c.steps(l.Post, i) || !c.startsConstant(l.Init, i) {
			return false
		}
		return !c.assignedIn(l.Body, i)
	case *ast.RangeStmt:
		x := ast.Unparen(l.X)
		tv := info.Types[x]
		if c.constantIn(u, x) {
			return true // range over a constant integer or string
		}
		if _, ok := x.(*ast.CompositeLit); ok {
			return true
		}
		t := tv.Type
		if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if _, ok := types.Unalias(t).Underlying().(*types.Array); ok {
			return true
		}
		if v := c.varOf(x); v != nil {
			return c.literalTable(u, v) || c.packageTable(v)
		}
	}
	return false
}

// startsConstant reports whether init sets i to a constant (i := 0, i = 1).
func (c *checker) startsConstant(init ast.Stmt, i *types.Var) bool {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for k, l := range as.Lhs {
		if c.varOf(l) == i {
			return c.pass.TypesInfo.Types[as.Rhs[k]].Value != nil
		}
	}
	return false
}

// constantIn reports whether e is a constant, or a local variable of u
// declared with a constant (n := 5) that nothing assigns, increments or
// addresses afterwards: its value is fixed by the program text.
func (c *checker) constantIn(u *unit, e ast.Expr) bool {
	if c.pass.TypesInfo.Types[e].Value != nil {
		return true
	}
	v := c.varOf(e)
	if v == nil || v.Pos() < u.body.Pos() || v.Pos() >= u.body.End() {
		return false
	}
	decl, others := false, false
	ast.Inspect(u.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if c.varOf(l) != v {
					continue
				}
				if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == v && len(n.Rhs) == len(n.Lhs) && c.pass.TypesInfo.Types[n.Rhs[i]].Value != nil {
					decl = true
					continue
				}
				others = true
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.pass.TypesInfo.Defs[id] == v && i < len(n.Values) && c.pass.TypesInfo.Types[n.Values[i]].Value != nil {
					decl = true
				}
			}
		case *ast.IncDecStmt:
			if c.varOf(n.X) == v {
				others = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.varOf(n.X) == v {
				others = true
			}
		}
		return !others
	})
	return decl && !others
}

// steps reports whether post is i++, i--, i += k or i -= k with k constant.
func (c *checker) steps(post ast.Stmt, i *types.Var) bool {
	switch p := post.(type) {
	case *ast.IncDecStmt:
		return c.varOf(p.X) == i
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || len(p.Rhs) != 1 || c.varOf(p.Lhs[0]) != i {
			return false
		}
		if p.Tok != token.ADD_ASSIGN && p.Tok != token.SUB_ASSIGN {
			return false
		}
		return c.pass.TypesInfo.Types[p.Rhs[0]].Value != nil
	}
	return false
}

// assignedIn reports whether n assigns v, increments it or takes its address.
func (c *checker) assignedIn(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if c.varOf(l) == v {
					found = true
				}
			}
		case *ast.IncDecStmt:
			if c.varOf(n.X) == v {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.varOf(n.X) == v {
				found = true
			}
		case *ast.CallExpr:
			// append(v, ...) assigned elsewhere is caught above; a
			// slice passed to a callee may have its elements changed but
			// not its length.
		}
		return !found
	})
	return found
}

// literalTable reports whether v is a local variable of u whose every
// value is a composite literal: declared with one (v := []T{...}, var v =
// []T{...}) or without a value (var v []T, empty), and assigned nothing but
// composite literals (if tcp { v = []T{a} } else { v = []T{a, b} }), never
// incremented or addressed anywhere in u, nested function literals
// included. A range over it runs at most as many times as its longest
// literal has elements.
func (c *checker) literalTable(u *unit, v *types.Var) bool {
	if v.Parent() == nil || v.Pos() < u.body.Pos() || v.Pos() >= u.body.End() {
		return false
	}
	decl, others := false, false
	ast.Inspect(u.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if c.varOf(l) != v {
					continue
				}
				if (n.Tok == token.DEFINE || n.Tok == token.ASSIGN) && len(n.Rhs) == len(n.Lhs) {
					if _, ok := ast.Unparen(n.Rhs[i]).(*ast.CompositeLit); ok {
						decl = true
						continue
					}
				}
				others = true
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.pass.TypesInfo.Defs[id] != v || len(n.Values) == 0 {
					continue
				}
				if _, ok := ast.Unparen(n.Values[min(i, len(n.Values)-1)]).(*ast.CompositeLit); ok {
					decl = true
				} else {
					others = true
				}
			}
		case *ast.IncDecStmt:
			if c.varOf(n.X) == v {
				others = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.varOf(n.X) == v {
				others = true
			}
		}
		return !others
	})
	return decl && !others
}

// packageTable reports whether v is an unexported package-level variable
// declared with a composite literal (var cases = []struct{...}{...}, a
// test's table) that no file of the package assigns, increments or takes
// the address of: its length is the literal's.
func (c *checker) packageTable(v *types.Var) bool {
	if v.Exported() || v.Pkg() != c.pass.Pkg || v.Parent() != c.pass.Pkg.Scope() {
		return false
	}
	decl := false
	for _, f := range c.pass.Files {
		for n := range ast.Preorder(f) {
			if spec, ok := n.(*ast.ValueSpec); ok && len(spec.Values) == len(spec.Names) {
				for i, id := range spec.Names {
					if c.pass.TypesInfo.Defs[id] == v {
						_, decl = ast.Unparen(spec.Values[i]).(*ast.CompositeLit)
					}
				}
			}
		}
	}
	return decl && !slices.ContainsFunc(c.pass.Files, func(f *ast.File) bool { return c.assignedIn(f, v) })
}

// onceBranch reports whether the defer at the end of stack sits, within
// loop, in a select case that receives from a one-shot timer made before
// the loop: a channel from time.After, or the C field of a timer from
// time.NewTimer that the function never resets. Such a case runs at most
// once, whatever the loop does.
func (c *checker) onceBranch(u *unit, stack []ast.Node, loop ast.Node) bool {
	for i := len(stack) - 1; i >= 0 && stack[i] != loop; i-- {
		cc, ok := stack[i].(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		var recv ast.Expr
		switch s := cc.Comm.(type) {
		case *ast.ExprStmt:
			recv = s.X
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				recv = s.Rhs[0]
			}
		}
		un, ok := ast.Unparen(recv).(*ast.UnaryExpr)
		if !ok || un.Op != token.ARROW {
			continue
		}
		if c.oneShot(u, ast.Unparen(un.X), loop) {
			return true
		}
	}
	return false
}

// oneShot reports whether ch, received from inside loop, is a channel that
// delivers at most one value: a variable assigned only once, before loop,
// from time.After; or t.C of a variable t assigned only once, before loop,
// from time.NewTimer, on which nothing calls Reset.
func (c *checker) oneShot(u *unit, ch ast.Expr, loop ast.Node) bool {
	ctorName := "time.After"
	if sel, ok := ch.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		ch, ctorName = sel.X, "time.NewTimer"
	}
	v := c.varOf(ch)
	if v == nil {
		return false
	}
	// A Reset under `if t.Stop()` re-arms only a timer that had not fired
	// yet (Stop reports that), so the channel still delivers at most once.
	rearmsUnfired := make(map[*ast.CallExpr]bool)
	ast.Inspect(u.body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || ifs.Init != nil {
			return true
		}
		stopped := false
		for _, conj := range conjuncts(ifs.Cond) {
			if stop, ok := conj.(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(stop.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Stop" && c.varOf(sel.X) == v {
					stopped = true
				}
			}
		}
		if !stopped {
			return true
		}
		for _, st := range ifs.Body.List {
			if es, ok := st.(*ast.ExprStmt); ok {
				if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
					rearmsUnfired[call] = true
				}
			}
		}
		return true
	})
	assigned, fromCtor, reset := 0, false, false
	ast.Inspect(u.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if c.varOf(l) != v {
					continue
				}
				assigned++
				if len(n.Rhs) == len(n.Lhs) && n.Pos() < loop.Pos() {
					if call, ok := ast.Unparen(n.Rhs[i]).(*ast.CallExpr); ok {
						if f := c.callee(call); f != nil && f.FullName() == ctorName {
							fromCtor = true
						}
					}
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Reset" && c.varOf(sel.X) == v && !rearmsUnfired[n] {
				reset = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.varOf(n.X) == v {
				reset = true // shared: anything may reset it
			}
		}
		return true
	})
	return assigned == 1 && fromCtor && !reset
}

// cancelledEachIteration reports whether the body of loop calls cancel
// itself, as a statement of the body's own list after the defer: each
// iteration that ends normally releases its context there, and the defer
// only covers the early exits.
func (c *checker) cancelledEachIteration(loop ast.Node, d *ast.DeferStmt, cancel *types.Var) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	if body == nil {
		return false
	}
	for _, st := range body.List {
		if st.Pos() <= d.Pos() {
			continue
		}
		if es, ok := st.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && len(call.Args) == 0 && c.varOf(call.Fun) == cancel {
				return true
			}
		}
	}
	return false
}

// enclosingLoops returns the loops of stack, innermost first, up to the
// function boundary (inspectBody does not enter function literals).
func enclosingLoops(stack []ast.Node) []ast.Node {
	var loops []ast.Node
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, stack[i])
		}
	}
	return loops
}

// conjuncts returns the operands of a chain of && (the condition itself
// when it is not one): each holds when the condition does.
func conjuncts(e ast.Expr) []ast.Expr {
	e = ast.Unparen(e)
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.LAND {
		return append(conjuncts(b.X), conjuncts(b.Y)...)
	}
	return []ast.Expr{e}
}
