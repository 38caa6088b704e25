package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// boundOnReturn is the second half of cancelled-on-return: a function
// derives ctx with a cancel constructor, defers the cancel, and returns a
// value that stays tied to ctx after the call that made it (an
// *http.Response of a request made with ctx, *sql.Rows or *sql.Tx of a
// query or transaction begun with ctx, an *exec.Cmd made with
// CommandContext, the request itself). The caller gets it after ctx is
// cancelled, and its first use fails: reading the response body reports
// context canceled, the rows stop early, the transaction is rolled back.
//
// The search follows the control-flow graph from the defer: a variable is
// bound on a path when it is assigned such a result there (made with a
// context of ctx's set, or from a value bound on that path), and stops
// being bound when it is reassigned, handed to a call, or used for what
// finishes it (the response's Body, the rows' Next or Close, the
// transaction's Commit or Rollback, the command's Run or Wait). A return
// of a bound variable on some path is reported; on that path the caller
// always receives a dead value.
func (c *checker) boundOnReturn(u *unit, sites []*site) {
	for _, s := range sites {
		if s.cancel == nil || s.ctx == nil || s.loop != nil {
			continue
		}
		list, _ := enclosingList(u, s.stmt)
		d := deferIn(c, list, s.cancel)
		if d == nil || d.Pos() < s.stmt.Pos() {
			continue
		}
		g := c.cfg(u)
		if g == nil {
			continue
		}
		w := &boundWalk{c: c, set: c.newCtxSet(u, nil, s.ctx), seen: make(map[*cfg.Block][]boundState)}
		if r, b := w.from(g, d); r != nil {
			c.report.Report(analysis.Diagnostic{
				Pos: r.Pos(), End: r.End(), Category: ruleCancelledOnReturn,
				Message: fmt.Sprintf("%s is returned but is tied to %s (made at line %d) and %s is deferred (line %d): once the function returns, %s; use it before returning, or return %s for the caller to call when done",
					b.v.Name(), s.ctx.Name(), c.line(b.made), s.cancel.Name(), c.line(d.Pos()), b.row.Effect, s.cancel.Name()),
				Related: []analysis.RelatedInformation{
					{Pos: d.Pos(), End: d.End(), Message: fmt.Sprintf("%s deferred here", s.cancel.Name())},
					{Pos: b.made, Message: fmt.Sprintf("%s tied to %s here", b.v.Name(), s.ctx.Name())},
				},
			})
		}
	}
}

// A boundVar is a variable holding a value tied to the context.
type boundVar struct {
	v    *types.Var
	row  apis.CtxBound
	made token.Pos
	head bool // a request for HEAD: its response has no body to read
}

// A boundState is the set of bound variables on one path, sorted by
// variable position.
type boundState []boundVar

func (st boundState) find(v *types.Var) int {
	return slices.IndexFunc(st, func(b boundVar) bool { return b.v == v })
}

func (st boundState) without(v *types.Var) boundState {
	i := st.find(v)
	if i < 0 {
		return st
	}
	return slices.Delete(slices.Clone(st), i, i+1)
}

func (st boundState) with(b boundVar) boundState {
	st = st.without(b.v)
	st = append(slices.Clone(st), b)
	slices.SortFunc(st, func(x, y boundVar) int { return int(x.v.Pos() - y.v.Pos()) })
	return st
}

func (st boundState) same(o boundState) bool {
	return slices.EqualFunc(st, o, func(x, y boundVar) bool { return x.v == y.v })
}

type boundWalk struct {
	c     *checker
	set   *ctxSet
	seen  map[*cfg.Block][]boundState
	found *ast.ReturnStmt
	what  boundVar
}

// from searches the paths that start after the defer statement d.
func (w *boundWalk) from(g *cfg.CFG, d *ast.DeferStmt) (*ast.ReturnStmt, boundVar) {
	for _, b := range g.Blocks {
		if i := slices.Index(b.Nodes, ast.Node(d)); i >= 0 {
			w.walk(b, b.Nodes[i+1:], nil)
			break
		}
	}
	return w.found, w.what
}

func (w *boundWalk) walk(b *cfg.Block, nodes []ast.Node, st boundState) {
	for _, n := range nodes {
		if w.found != nil {
			return
		}
		st = w.step(n, st)
	}
	for _, s := range b.Succs {
		if w.found != nil {
			return
		}
		if slices.ContainsFunc(w.seen[s], st.same) {
			continue
		}
		w.seen[s] = append(w.seen[s], st)
		w.walk(s, s.Nodes, st)
	}
}

// step applies node n to the state.
func (w *boundWalk) step(n ast.Node, st boundState) boundState {
	c := w.c
	// Uses: a finishing use, or the value handed to a call.
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr:
			if v := c.varOf(x.X); v != nil {
				if i := st.find(v); i >= 0 && slices.Contains(st[i].row.Finished, x.Sel.Name) {
					st = st.without(v)
				}
			}
		case *ast.CallExpr:
			row, ok := c.bound.Lookup(c.callee(x))
			for j, a := range x.Args {
				if ok && row.ViaArg && row.Arg == j {
					continue
				}
				if v := c.varOf(a); v != nil {
					st = st.without(v)
				}
			}
		}
		return true
	})
	// A return, once the uses in its results are applied.
	if ret, ok := n.(*ast.ReturnStmt); ok {
		for _, r := range ret.Results {
			if b := w.binds(r, 0, st); b != nil {
				if b.v == nil {
					b.v = w.resultVar(ret, r)
				}
				w.found, w.what = ret, *b
				return nil
			}
		}
	}
	// Then definitions.
	var lhs, rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		rhs = n.Values
	default:
		return st
	}
	for i, l := range lhs {
		v := c.varOf(l)
		if v == nil {
			continue
		}
		var b *boundVar
		if len(rhs) == len(lhs) {
			b = w.binds(rhs[i], 0, st)
		} else if len(rhs) == 1 {
			b = w.binds(rhs[0], i, st)
		}
		if b != nil {
			b.v = v
			st = st.with(*b)
		} else {
			st = st.without(v)
		}
	}
	return st
}

// binds returns the bound value that result k of e yields, or nil.
func (w *boundWalk) binds(e ast.Expr, k int, st boundState) *boundVar {
	c := w.c
	if v := c.varOf(e); v != nil && k == 0 {
		if i := st.find(v); i >= 0 {
			b := st[i]
			return &b
		}
		return nil
	}
	// A value made in place has no variable yet; the caller names it.
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	row, ok := c.bound.Lookup(c.callee(call))
	if !ok || row.Result != k || row.Arg >= len(call.Args) {
		return nil
	}
	a := call.Args[row.Arg]
	if !row.ViaArg {
		if w.set.has(a) {
			head := row.Method > 0 && row.Method < len(call.Args) && isHead(c.pass.TypesInfo, call.Args[row.Method])
			return &boundVar{row: row, made: call.Pos(), head: head}
		}
		return nil
	}
	if v := c.varOf(a); v != nil && st.find(v) >= 0 {
		if b := st[st.find(v)]; !b.head {
			return &boundVar{row: row, made: b.made}
		}
		// The response to a HEAD request has no body to read.
	}
	return nil
}

// resultVar returns the result variable that r is returned as: the named
// result, or a variable standing for the unnamed one (for its name in the
// message: "the result").
func (w *boundWalk) resultVar(ret *ast.ReturnStmt, r ast.Expr) *types.Var {
	tv := w.c.pass.TypesInfo.Types[r]
	return types.NewVar(r.Pos(), w.c.pass.Pkg, "the result", tv.Type)
}

// isHead reports whether e is the constant HTTP method HEAD.
func isHead(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "HEAD"
}
