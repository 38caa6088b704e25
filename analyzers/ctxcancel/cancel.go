package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// ctor describes a call that returns a context and its cancel function.
type ctor struct {
	name        string // for messages: "context.WithTimeout", "pkg.F"
	ctx, cancel int    // result indices (ctx may be -1)
	nres        int    // number of results
	err         bool   // a wrapper that also returns an error or an ok bool
}

// cancelCtor reports whether call is a cancel constructor: a row of
// apis.CancelCtors or a function with a cancelPair fact.
func (c *checker) cancelCtor(call *ast.CallExpr) (ctor, bool) {
	fn := c.callee(call)
	if fn == nil {
		return ctor{}, false
	}
	nres := fn.Signature().Results().Len()
	if row, ok := c.cancels.Lookup(fn); ok {
		return ctor{name: apis.DisplayName(fn), ctx: row.Ctx, cancel: row.Cancel, nres: nres}, true
	}
	var p cancelPair
	if c.pass.ImportObjectFact(fn.Origin(), &p) {
		return ctor{name: apis.DisplayName(fn), ctx: p.Ctx, cancel: p.Cancel, nres: nres, err: p.Err}, true
	}
	return ctor{}, false
}

// A site is one call of a cancel constructor in a function body.
type site struct {
	call      *ast.CallExpr
	stmt      ast.Node // the assignment, value spec or expression statement
	ctor      ctor
	cancel    *types.Var // the local cancel variable, if any
	ctx       *types.Var // the local context variable, if any
	blank     bool       // the cancel is assigned to _
	discarded bool       // the call is a statement: all results dropped
	loop      ast.Node   // innermost loop of the body around stmt, or nil

	// holder and field: the cancel is assigned to field of the local
	// struct variable holder (w.ctx, w.cancel = context.WithCancel(ctx)).
	holder, field *types.Var

	// captured: the cancel is assigned to a local variable of an
	// enclosing function (u is a function literal).
	captured *types.Var
}

// cancelSites finds the calls of cancel constructors in u (not in nested
// function literals) whose results are assigned or dropped. A call whose
// results go anywhere else (returned, passed on) hands the cancel off.
func (c *checker) cancelSites(u *unit) []*site {
	var sites []*site
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(stack) == 0 {
			return true
		}
		ct, ok := c.cancelCtor(call)
		if !ok {
			return true
		}
		s := &site{call: call, ctor: ct, loop: innermostLoop(stack)}
		var lhs []ast.Expr
		switch p := stack[len(stack)-1].(type) {
		case *ast.AssignStmt:
			if len(p.Rhs) != 1 || p.Rhs[0] != call || len(p.Lhs) != ct.nres {
				return true
			}
			s.stmt, lhs = p, p.Lhs
		case *ast.ValueSpec:
			if len(p.Values) != 1 || p.Values[0] != call || len(p.Names) != ct.nres {
				return true
			}
			s.stmt = p
			for _, id := range p.Names {
				lhs = append(lhs, id)
			}
		case *ast.ExprStmt:
			s.stmt, s.discarded = p, true
			sites = append(sites, s)
			return true
		default:
			return true
		}
		switch l := ast.Unparen(lhs[ct.cancel]).(type) {
		case *ast.Ident:
			if l.Name == "_" {
				s.blank = true
			} else if v := c.varOf(l); v != nil && within(u.node, v.Pos()) {
				s.cancel = v
			} else if v != nil && v.Parent() != nil && v.Parent() != c.pass.Pkg.Scope() {
				s.captured = v
			}
		case *ast.SelectorExpr:
			s.holder, s.field = c.localField(u, l)
		}
		if ct.ctx >= 0 {
			if v := c.varOf(lhs[ct.ctx]); v != nil && within(u.node, v.Pos()) {
				s.ctx = v
			}
		}
		sites = append(sites, s)
		return true
	})
	return sites
}

// within reports whether pos lies inside n.
func within(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// innermostLoop returns the innermost for or range statement in stack
// (which stops at the function body), or nil.
func innermostLoop(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return stack[i]
		}
	}
	return nil
}

// cancelNotCalled reports the rule cancel-not-called: the cancel function
// of a cancel constructor (context.WithCancel, WithTimeout, WithDeadline,
// their *Cause forms, signal.NotifyContext, or a function with a
// cancelPair fact) is discarded, is overwritten before any use, or is not
// used on some control-flow path from the call to a return. Like go vet's
// lostcancel, any reference to the cancel variable counts as a use: a call,
// a defer, a hand-off to a callee, time.AfterFunc, a store into a field,
// map or slice, a return, a reference from a function literal. A cancel
// variable declared outside the function is not analysed; paths in main.main
// are not (its return ends the process), only discarded cancels there. A
// cancel variable that a function literal declared earlier refers to (a
// deferred cleanup closure) is handed off; one that only a later literal
// held in a local variable refers to is used where that variable is (see
// boundClosures). A cancel assigned to a field of a local struct value is
// followed while the value stays in the function (see
// localFieldNotCalled). For wrappers that also return an
// error or an ok bool only a discarded cancel is reported: their cancel may
// be nil on the failure path. The path search follows boolean flags (see guards): a branch
// that the flag's value on the path rules out is not a path, so a
// reassignment under if !running, with running set true after the
// WithCancel and false after cancel(), is not an overwrite.
func (c *checker) cancelNotCalled(u *unit, sites []*site) {
	p := &pathSearch{c: c, u: u}
	for _, s := range sites {
		switch {
		case s.discarded:
			c.report.Report(analysis.Diagnostic{
				Pos: s.call.Pos(), End: s.call.End(), Category: ruleCancelNotCalled,
				Message: fmt.Sprintf("the context and cancel function returned by %s are discarded, so the context is never released: assign them, ctx, cancel := %s(...), and defer cancel()", s.ctor.name, s.ctor.name),
			})
		case s.blank:
			c.report.Report(analysis.Diagnostic{
				Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
				Message: fmt.Sprintf("the cancel function returned by %s is discarded, so the context (and its timer) lives until the parent is done: assign it and defer cancel()", s.ctor.name),
			})
		case s.ctor.err || c.isMain(u):
		case s.cancel != nil && !capturedBefore(c.pass.TypesInfo, u, s.cancel, s.stmt):
			bound := c.boundClosures(u, s)
			named := isNamedResult(u.sig, s.cancel)
			ret, over, ok := p.lost(s.stmt, func(n ast.Node) usage {
				return useSkipping(c.pass.TypesInfo, n, s.cancel, named, bound)
			})
			if !ok {
				return
			}
			name := s.cancel.Name()
			switch {
			case ret == nil && over == nil:
				c.reportConditionalCancel(u, s)
			case ret != nil && len(bound) > 0:
				c.reportUnrunClosure(u, s, ret, bound)
			case ret != nil:
				pos, where := c.returnAt(u, ret)
				c.report.Report(analysis.Diagnostic{
					Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
					Message: fmt.Sprintf("%s from %s is not called on the path to %s, so the context (and its timer) leaks until the parent is done: defer %s() right after this line", name, s.ctor.name, where, name),
					Related: []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("return without calling %s", name)}},
				})
			case over != nil:
				c.reportOverwrite(s, name, over)
			}
		case s.holder != nil:
			c.localFieldNotCalled(p, s)
		}
	}
}

// reportOverwrite reports the cancel name of s, overwritten at over before
// it is called.
func (c *checker) reportOverwrite(s *site, name string, over ast.Node) {
	c.report.Report(analysis.Diagnostic{
		Pos: s.stmt.Pos(), End: s.stmt.End(), Category: ruleCancelNotCalled,
		Message: fmt.Sprintf("%s from %s is overwritten at line %d before it is called, so this context (and its timer) leaks: call %s() before reassigning it", name, s.ctor.name, c.line(over.Pos()), name),
		Related: []analysis.RelatedInformation{{Pos: over.Pos(), End: over.End(), Message: fmt.Sprintf("%s overwritten here", name)}},
	})
}

// returnAt returns where the return ret leaves u, and how to name it in a
// message: "the return at line N", or the closing brace of the body for
// the implicit return at its end.
func (c *checker) returnAt(u *unit, ret *ast.ReturnStmt) (token.Pos, string) {
	pos := ret.Pos()
	if !pos.IsValid() || pos == u.body.Rbrace {
		pos = u.body.Rbrace
		return pos, fmt.Sprintf("the end of the function (line %d)", c.line(pos))
	}
	return pos, fmt.Sprintf("the return at line %d", c.line(pos))
}

// A pathSearch runs lostCancelPath over one function, building its CFG
// and its guards (for the first search that the plain one reports) once.
type pathSearch struct {
	c  *checker
	u  *unit
	g  *cfg.CFG
	gd *guards
}

// lost searches u from start for a return or an overwrite that uses does
// not see the cancel used before, following u's flags when the plain
// search finds one. It reports false when u has no CFG.
func (p *pathSearch) lost(start ast.Node, uses func(ast.Node) usage) (ret *ast.ReturnStmt, over ast.Node, ok bool) {
	if p.g == nil {
		if p.g = p.c.cfg(p.u); p.g == nil {
			return nil, nil, false
		}
	}
	ret, over = lostCancelPath(p.g, start, uses, noGuards)
	if ret != nil || over != nil {
		if p.gd == nil {
			p.gd = p.c.newGuards(p.u)
		}
		if len(p.gd.flags) > 0 {
			ret, over = lostCancelPath(p.g, start, uses, p.gd)
		}
	}
	return ret, over, true
}

// capturedBefore reports whether a function literal that precedes stmt in
// u refers to v, as in `defer func() { if cancel != nil { cancel() } }()`
// declared before the assignment: the closure sees the later value, so
// the cancel is handed off (go vet's lostcancel reports this; we do not).
func capturedBefore(info *types.Info, u *unit, v *types.Var, stmt ast.Node) bool {
	found := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		if found || n == nil || n.Pos() >= stmt.Pos() {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok {
			found = mentions(info, []ast.Expr{lit}, v)
			return false
		}
		return true
	})
	return found
}

// cfg returns the control-flow graph of u.
func (c *checker) cfg(u *unit) *cfg.CFG {
	switch n := u.node.(type) {
	case *ast.FuncDecl:
		return c.cfgs.FuncDecl(n)
	case *ast.FuncLit:
		return c.cfgs.FuncLit(n)
	}
	return nil
}

// A usage is how a CFG node refers to a cancel variable.
type usage int

const (
	unused usage = iota
	used         // any reference other than as an assignment target
	killed       // assigned a new value without being used first
)

// use classifies node n with respect to v. A naked return uses the named
// results.
func use(info *types.Info, n ast.Node, v *types.Var, namedResult bool) usage {
	return useSkipping(info, n, v, namedResult, nil)
}

// useSkipping is use, with references to v inside the function literals
// of skip not counted and references to the variables of skip counted
// instead (see boundClosures).
func useSkipping(info *types.Info, n ast.Node, v *types.Var, namedResult bool, skip map[*types.Var]*ast.FuncLit) usage {
	targets := make(map[*ast.Ident]bool)
	blanked := make(map[ast.Expr]bool) // _ = cleanup runs nothing
	if as, ok := n.(*ast.AssignStmt); ok {
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && info.Uses[id] == v {
				targets[id] = true
			}
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" && len(as.Lhs) == len(as.Rhs) {
				blanked[as.Rhs[i]] = true
			}
		}
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			for _, lit := range skip {
				if lit == n {
					return false
				}
			}
		case *ast.Ident:
			if info.Uses[n] == v && !targets[n] {
				found = true
			}
			if f, ok := info.Uses[n].(*types.Var); ok && skip[f] != nil && !blanked[n] {
				found = true
			}
		case *ast.ReturnStmt:
			if n.Results == nil && namedResult {
				found = true
			}
		}
		return !found
	})
	switch {
	case found:
		return used
	case len(targets) > 0:
		return killed
	}
	return unused
}

// isNamedResult reports whether v is a result of sig.
func isNamedResult(sig *types.Signature, v *types.Var) bool {
	for r := range sig.Results().Variables() {
		if r == v {
			return true
		}
	}
	return false
}

// lostCancelPath searches the CFG, from the node start, for a path to a
// return on which uses finds no use of the cancel function (ret), or else
// for a path to a node that overwrites it first (over). The search follows
// the boolean flags of gd (see guards): a branch that a flag's value on the
// path rules out is not taken.
func lostCancelPath(g *cfg.CFG, start ast.Node, uses func(ast.Node) usage, gd *guards) (ret *ast.ReturnStmt, over ast.Node) {
	// scan reports whether the path stops in nodes (a use or a kill), and
	// the state after them.
	scan := func(nodes []ast.Node, st guardState) (bool, guardState) {
		for _, n := range nodes {
			switch uses(n) {
			case used:
				return true, st
			case killed:
				if over == nil {
					over = n
				}
				return true, st
			}
			st = gd.step(n, st)
		}
		return false, st
	}
	var def *cfg.Block
	var rest []ast.Node
outer:
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == start {
				def, rest = b, b.Nodes[i+1:]
				break outer
			}
		}
	}
	if def == nil {
		return nil, nil
	}
	stop, st := scan(rest, gd.step(start, 0)) // what the creating statement itself sets (ctx, cancel = ...: ctx is not nil)
	if stop {
		return nil, over
	}
	if r := def.Return(); r != nil {
		return r, nil
	}
	type visit struct {
		b  *cfg.Block
		st guardState
	}
	seen := make(map[visit]bool)
	var search func(blocks []*cfg.Block, st guardState) *ast.ReturnStmt
	search = func(blocks []*cfg.Block, in guardState) *ast.ReturnStmt {
		for _, b := range blocks {
			if seen[visit{b, in}] {
				continue
			}
			seen[visit{b, in}] = true
			stop, st := scan(b.Nodes, in)
			if stop {
				continue
			}
			if r := b.Return(); r != nil {
				return r
			}
			if r := search(gd.succs(b, st), st); r != nil {
				return r
			}
		}
		return nil
	}
	return search(gd.succs(def, st), st), over
}
