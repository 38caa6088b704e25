package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A function literal that replaces a context and cancel of its enclosing
// function, run again before the cancel is called:
//
//	var cancel context.CancelFunc
//	refresh := func() { ctx, cancel = context.WithCancel(parent) }
//	for range tick {
//		refresh() // the previous cancel is overwritten uncalled
//		use(ctx)
//	}

// rerunOverwrite reports the rule cancel-not-called for a site s in the
// function literal l whose cancel is a captured variable v of an
// enclosing function: l is the whole value that defines a local variable
// r (refresh := func() { ... }) never assigned again, every run of l that
// returns passes s (s is a statement of l's body, after no return), and l
// refers to v only as the target of its sites; and some function body
// around l (not l) calls r() as a statement from which a path reaches
// another such call, or an assignment of v, without referring to v. Each
// run of l then drops the cancel of the run before. Deliberately silent:
// v's address taken; v mentioned by any function literal but l and those
// of defer statements (a goroutine or callback may call it at any time);
// r run in any other way than a call statement (sync.Once.Do(r), go r(),
// a handler that calls r once per request): those runs are not followed.
func (c *checker) rerunOverwrite(units []*unit, l *unit, sites []*site) {
	lit, ok := l.node.(*ast.FuncLit)
	if !ok {
		return
	}
	for _, s := range sites {
		v := s.captured
		if v == nil || s.ctor.err || !runsToSite(lit, s.stmt) || !c.onlyAssignedBy(lit, v, sites) {
			continue
		}
		b := innermostUnit(units, lit.Pos(), lit)
		e := innermostUnit(units, v.Pos(), nil)
		if b == nil || e == nil || !within(e.node, b.node.Pos()) || c.capturedElsewhere(e, v, lit) {
			continue
		}
		r := c.boundTo(b, lit)
		if r == nil {
			continue
		}
		c.reportRerun(units, b, lit, s, v, r)
	}
}

// reportRerun searches the bodies of b and of the literals in it (but not
// lit) for a call statement r() from which a path overwrites v uncalled,
// and reports the first one at s.
func (c *checker) reportRerun(units []*unit, b *unit, lit *ast.FuncLit, s *site, v, r *types.Var) {
	info := c.pass.TypesInfo
	for _, w := range units {
		if !within(b.node, w.node.Pos()) || within(lit, w.node.Pos()) {
			continue
		}
		var starts []ast.Node
		inspectBody(w, func(n ast.Node, _ []ast.Node) bool {
			if es, ok := n.(*ast.ExprStmt); ok && c.callsVar(es.X, r) {
				starts = append(starts, es)
			}
			return true
		})
		p := &pathSearch{c: c, u: w}
		named := isNamedResult(w.sig, v)
		uses := func(n ast.Node) usage {
			if k := use(info, n, v, named); k != unused {
				return k
			}
			if c.runsVar(n, r) {
				return killed
			}
			return unused
		}
		for _, start := range starts {
			_, over, ok := p.lost(start, uses)
			if !ok {
				break
			}
			if over == nil {
				continue
			}
			name := v.Name()
			again := fmt.Sprintf("at line %d", c.line(over.Pos()))
			if c.runsVar(over, r) {
				again = fmt.Sprintf("when %s runs again (line %d)", r.Name(), c.line(over.Pos()))
			}
			c.report.Report(analysis.Diagnostic{
				Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
				Message: fmt.Sprintf("%s from %s is overwritten %s before it is called, so each earlier context (and its timer) leaks until the parent is done: call %s() before creating a new context (if %s != nil { %s() })", name, s.ctor.name, again, name, name, name),
				Related: []analysis.RelatedInformation{
					{Pos: start.Pos(), End: start.End(), Message: fmt.Sprintf("%s runs here", r.Name())},
					{Pos: over.Pos(), End: over.End(), Message: fmt.Sprintf("%s overwritten here", name)},
				},
			})
			return
		}
	}
}

// runsToSite reports whether every run of lit that returns passes stmt: it
// is a statement of lit's body, and no statement before it holds a return
// or a goto.
func runsToSite(lit *ast.FuncLit, stmt ast.Node) bool {
	i := slices.IndexFunc(lit.Body.List, func(st ast.Stmt) bool { return st == stmt })
	if i < 0 {
		return false
	}
	for _, st := range lit.Body.List[:i] {
		leaves := false
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leaves = true
			case *ast.BranchStmt:
				leaves = leaves || n.Tok == token.GOTO
			}
			return !leaves
		})
		if leaves {
			return false
		}
	}
	return true
}

// onlyAssignedBy reports whether every reference to v in lit is a target
// of the statement of one of sites.
func (c *checker) onlyAssignedBy(lit *ast.FuncLit, v *types.Var, sites []*site) bool {
	ok := true
	ast.PreorderStack(lit.Body, nil, func(n ast.Node, stack []ast.Node) bool {
		if id, isID := n.(*ast.Ident); isID && c.pass.TypesInfo.Uses[id] == v {
			as := targetOf(stack, id)
			ok = as != nil && slices.ContainsFunc(sites, func(s *site) bool { return s.stmt == as && s.captured == v })
		}
		return ok
	})
	return ok
}

// capturedElsewhere reports whether, in the body of e, v's address is
// taken or a function literal other than lit and those of defer
// statements mentions v.
func (c *checker) capturedElsewhere(e *unit, v *types.Var, lit *ast.FuncLit) bool {
	found := false
	ast.PreorderStack(e.body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			if n == lit {
				return false
			}
			if len(stack) >= 2 {
				if d, ok := stack[len(stack)-2].(*ast.DeferStmt); ok && ast.Unparen(d.Call.Fun) == n {
					return true
				}
			}
			found = refersTo(c.pass.TypesInfo, n, v)
			return false
		case *ast.UnaryExpr:
			found = n.Op == token.AND && c.varOf(n.X) == v
		}
		return !found
	})
	return found
}

// boundTo returns the local variable of b that lit is the whole defining
// value of (r := func() { ... }), when b never assigns it again nor takes
// its address; or nil.
func (c *checker) boundTo(b *unit, lit *ast.FuncLit) *types.Var {
	var r *types.Var
	definitions(b, func(id *ast.Ident, e ast.Expr) bool {
		if ast.Unparen(e) == lit {
			r, _ = c.pass.TypesInfo.Defs[id].(*types.Var)
		}
		return r == nil
	})
	if r == nil || c.assigns(b.body, r) {
		return nil
	}
	return r
}

// callsVar reports whether e is a call of the function variable r.
func (c *checker) callsVar(e ast.Expr, r *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && c.varOf(call.Fun) == r
}

// runsVar reports whether n calls the function variable r, outside
// function literals.
func (c *checker) runsVar(n ast.Node, r *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.FuncLit); ok {
			return false
		}
		if e, ok := m.(ast.Expr); ok && c.callsVar(e, r) {
			found = true
		}
		return !found
	})
	return found
}

// innermostUnit returns the innermost unit of units, other than the one
// of skip, whose node holds pos.
func innermostUnit(units []*unit, pos token.Pos, skip ast.Node) *unit {
	var in *unit
	for _, u := range units {
		if u.node != skip && within(u.node, pos) && (in == nil || u.node.Pos() > in.node.Pos()) {
			in = u
		}
	}
	return in
}
