package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A cancel kept in a field of a local struct value that never leaves the
// function is not handed off:
//
//	w := worker{}
//	w.ctx, w.cancel = context.WithCancel(ctx)
//	w.run() // run reads w.ctx only
//	return  // w.cancel is never called

// localField returns the variable and the field of sel, w.f, when w is a
// struct value (not a pointer) declared in the body of u, other than by a
// range clause, and f is one of its own fields (not promoted).
func (c *checker) localField(u *unit, sel *ast.SelectorExpr) (holder, field *types.Var) {
	w := c.varOf(sel.X)
	f := fieldObj(c.pass.TypesInfo, sel)
	if w == nil || f == nil || !within(u.body, w.Pos()) || len(c.pass.TypesInfo.Selections[sel].Index()) != 1 || rangeVar(c, u, w) {
		return nil, nil
	}
	if _, ok := w.Type().Underlying().(*types.Struct); !ok {
		return nil, nil
	}
	return w, f
}

// localFieldNotCalled reports the rule cancel-not-called for a cancel
// assigned to field f of the local struct value w (see localField): on
// some path from the assignment to a return, nothing calls w.f, and w
// does not leave the function, or w.f is overwritten first (w.f or w
// assigned, or w declared again by a loop). A use of w.f is any reference
// to it; w leaves the function by any reference to w as a whole (returned,
// passed or stored by value, a method value) and by a call of a method
// that may reach f. Reading its other fields, and calling a method of this
// package whose receiver is only used to read fields other than f, keep
// it local. Deliberately silent, for the whole function: w's address
// taken anywhere, a function literal that refers to w other than through
// those fields, and w leaving the function before the assignment.
func (c *checker) localFieldNotCalled(p *pathSearch, s *site) {
	u, w, f := p.u, s.holder, s.field
	info := c.pass.TypesInfo
	silent := false
	ast.PreorderStack(u.body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if silent || !ok || info.Uses[id] != w {
			return !silent
		}
		if c.keepsLocal(id, stack, f) {
			return true
		}
		inLit := slices.ContainsFunc(stack, func(n ast.Node) bool { _, ok := n.(*ast.FuncLit); return ok })
		un, addr := parentOf(stack).(*ast.UnaryExpr)
		if addr && un.Op == token.AND || inLit || id.Pos() < s.stmt.Pos() && targetOf(stack, id) == nil {
			silent = true
		}
		return !silent
	})
	if silent {
		return
	}
	ret, over, ok := p.lost(s.stmt, func(n ast.Node) usage { return c.fieldUse(n, w, f) })
	if !ok {
		return
	}
	name := w.Name() + "." + f.Name()
	switch {
	case ret != nil:
		pos, where := c.returnAt(u, ret)
		c.report.Report(analysis.Diagnostic{
			Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
			Message: fmt.Sprintf("%s from %s is not called on the path to %s, and %s does not leave the function to be cancelled elsewhere, so the context (and its timer) leaks until the parent is done: defer %s() right after this line", name, s.ctor.name, where, w.Name(), name),
			Related: []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("return without calling %s", name)}},
		})
	case over != nil:
		c.reportOverwrite(s, name, over)
	}
}

// fieldUse classifies node n with respect to field f of the local struct
// w: a reference to w.f or to w as a whole that is not an assignment
// target, or a call of a method that may reach f, is a use; assigning w.f
// or w, or declaring w, kills it.
func (c *checker) fieldUse(n ast.Node, w, f *types.Var) usage {
	info := c.pass.TypesInfo
	found, kill := false, false
	ast.PreorderStack(n, nil, func(m ast.Node, stack []ast.Node) bool {
		id, ok := m.(*ast.Ident)
		if found || !ok {
			return !found
		}
		switch {
		case info.Defs[id] == w:
			kill = true
		case info.Uses[id] != w || c.keepsLocal(id, stack, f):
		case targetOf(stack, id) == n:
			kill = true
		default:
			found = true
		}
		return !found
	})
	switch {
	case found:
		return used
	case kill:
		return killed
	}
	return unused
}

// targetOf returns the assignment of which the reference id to a struct
// variable, with ancestors stack, is a target (w = ... or w.f = ...), or
// nil.
func targetOf(stack []ast.Node, id *ast.Ident) *ast.AssignStmt {
	var e ast.Expr = id
	i := len(stack) - 1
	if i >= 0 {
		if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.X == id {
			e, i = sel, i-1
		}
	}
	if i < 0 {
		return nil
	}
	if as, ok := stack[i].(*ast.AssignStmt); ok && slices.Contains(as.Lhs, e) {
		return as
	}
	return nil
}

// parentOf returns the innermost ancestor in stack, or nil.
func parentOf(stack []ast.Node) ast.Node {
	if len(stack) == 0 {
		return nil
	}
	return stack[len(stack)-1]
}

// keepsLocal reports whether the reference id to the local struct w, with
// ancestors stack, neither reaches its field f nor lets w leave: it reads
// or assigns another field of its own (w.x, &w.x), or it calls a method
// whose receiver only does that (see localReceiver).
func (c *checker) keepsLocal(id *ast.Ident, stack []ast.Node, f *types.Var) bool {
	sel, ok := parentOf(stack).(*ast.SelectorExpr)
	if !ok || sel.X != id {
		return false
	}
	s := c.pass.TypesInfo.Selections[sel]
	if s == nil || len(s.Index()) != 1 {
		return false
	}
	switch s.Kind() {
	case types.FieldVal:
		return s.Obj().(*types.Var).Origin() != f.Origin()
	case types.MethodVal:
		if len(stack) < 2 {
			return false
		}
		call, ok := stack[len(stack)-2].(*ast.CallExpr)
		return ok && call.Fun == sel && c.localReceiver(s.Obj().(*types.Func), f)
	}
	return false
}

// localReceiver reports whether the method m is declared in this package
// and its body uses its receiver only to read or assign fields other than
// f (an unnamed receiver is not used at all).
func (c *checker) localReceiver(m *types.Func, f *types.Var) bool {
	d := c.funcDecl(m.Origin())
	if d == nil || d.Body == nil || d.Recv == nil || len(d.Recv.List) != 1 {
		return false
	}
	names := d.Recv.List[0].Names
	if len(names) == 0 || names[0].Name == "_" {
		return true
	}
	recv := c.pass.TypesInfo.Defs[names[0]]
	ok := true
	ast.PreorderStack(d.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID || c.pass.TypesInfo.Uses[id] != recv {
			return ok
		}
		sel, isSel := parentOf(stack).(*ast.SelectorExpr)
		s := c.pass.TypesInfo.Selections[sel]
		if !isSel || sel.X != id || s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 || s.Obj().(*types.Var).Origin() == f.Origin() {
			ok = false
		}
		return ok
	})
	return ok
}

// funcDecl returns the declaration of fn in this package, or nil.
func (c *checker) funcDecl(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, file := range c.pass.Files {
			for _, d := range file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}
