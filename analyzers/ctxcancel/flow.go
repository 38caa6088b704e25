package ctxcancel

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A ctxSet is a set of local context variables that all carry the same
// cancellation (a context and everything derived from it).
type ctxSet struct {
	c    *checker
	vars map[*types.Var]bool
	root func(call *ast.CallExpr) bool // calls that yield the context itself, e.g. r.Context()
}

// newCtxSet returns the set seeded with vars and root calls, grown over
// every assignment in u (including nested function literals and the
// parameters of immediately called or started literals) until stable.
func (c *checker) newCtxSet(u *unit, root func(*ast.CallExpr) bool, seeds ...*types.Var) *ctxSet {
	s := &ctxSet{c: c, vars: make(map[*types.Var]bool), root: root}
	for _, v := range seeds {
		if v != nil {
			s.vars[v] = true
		}
	}
	for range 4 {
		n := len(s.vars)
		ast.Inspect(u.body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				s.assign(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				s.assign(lhs, n.Values)
			case *ast.CallExpr:
				if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
					s.bindParams(lit, n.Args)
				}
			}
			return true
		})
		if len(s.vars) == n {
			break
		}
	}
	return s
}

// assign adds the variables of lhs that receive a context of the set.
func (s *ctxSet) assign(lhs, rhs []ast.Expr) {
	add := func(e ast.Expr) {
		if v := s.c.varOf(e); v != nil && isContext(v.Type()) {
			s.vars[v] = true
		}
	}
	if len(lhs) == len(rhs) {
		for i := range lhs {
			if s.has(rhs[i]) {
				add(lhs[i])
			}
		}
		return
	}
	if len(rhs) != 1 {
		return
	}
	call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	if !ok {
		return
	}
	if row, ok := s.c.derivers.Lookup(s.c.callee(call)); ok && !row.Detach && row.Parent < len(call.Args) && s.has(call.Args[row.Parent]) && row.Ctx < len(lhs) {
		add(lhs[row.Ctx])
	}
}

// bindParams adds the context parameters of lit that receive a context of
// the set as argument.
func (s *ctxSet) bindParams(lit *ast.FuncLit, args []ast.Expr) {
	var params []*ast.Ident
	for _, f := range lit.Type.Params.List {
		if len(f.Names) == 0 {
			return
		}
		params = append(params, f.Names...)
	}
	if len(params) != len(args) {
		return
	}
	for i, a := range args {
		if s.has(a) {
			if v, ok := s.c.pass.TypesInfo.Defs[params[i]].(*types.Var); ok && isContext(v.Type()) {
				s.vars[v] = true
			}
		}
	}
}

// has reports whether e yields a context of the set: a variable of the
// set, a root call, or a non-detaching derivation (WithValue, WithTimeout,
// ...) of one. context.WithoutCancel breaks the chain.
func (s *ctxSet) has(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := s.c.pass.TypesInfo.Uses[e].(*types.Var)
		return v != nil && s.vars[v]
	case *ast.CallExpr:
		if s.root != nil && s.root(e) {
			return true
		}
		fn := s.c.callee(e)
		if row, ok := s.c.derivers.Lookup(fn); ok && !row.Detach && row.Ctx == 0 && fn.Signature().Results().Len() == 1 && row.Parent < len(e.Args) {
			return s.has(e.Args[row.Parent])
		}
	}
	return false
}

// goUse returns where the goroutine started by g uses a context of the set
// for work: an argument of the go call, or, in a started function literal,
// a call that takes such a context (not a derivation, not a cancellation
// signal such as context.Cause, not a callee that only reads the
// context's values). It returns nil when the goroutine only watches the
// context (ctx.Done, ctx.Err): such a goroutine is meant to stop with it;
// and when it only reads values from it (a trace id for its logs): its
// cancellation changes nothing there.
func (s *ctxSet) goUse(g *ast.GoStmt) ast.Node {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		for i, a := range g.Call.Args {
			if s.has(a) && !s.c.readsValuesOnly(s.c.callee(g.Call), i) {
				return a
			}
		}
		return nil
	}
	var use ast.Node
	watches := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := s.c.callee(call)
		if _, ok := s.c.signals.Lookup(fn); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && s.has(sel.X) {
				watches = true // ctx.Done(), ctx.Err()
			}
			for _, a := range call.Args {
				if s.has(a) {
					watches = true // context.Cause(ctx), context.AfterFunc(ctx, f)
				}
			}
			return true
		}
		if _, ok := s.c.derivers.Lookup(fn); ok {
			return true
		}
		for i, a := range call.Args {
			if s.has(a) && use == nil && !s.c.readsValuesOnly(fn, i) {
				use = call
			}
		}
		return true
	})
	if watches {
		return nil
	}
	return use
}

// joinedAfter reports whether the function u may still be running while
// the goroutine g works, so that the goroutine's context may be live: after
// g (in source order, outside the goroutine) there is a channel receive or
// send, a select, a loop, or a call that may block (anything but the
// short, local calls of quickCall: a call of an unknown function, a Wait,
// a call that works under the context); or a deferred call waits; or g is
// inside a for loop (the function does not return right away).
func (c *checker) joinedAfter(u *unit, g *ast.GoStmt, stack []ast.Node, s *ctxSet) bool {
	for _, n := range stack {
		if _, ok := n.(*ast.ForStmt); ok {
			return true
		}
		if r, ok := n.(*ast.RangeStmt); ok {
			if t := c.pass.TypesInfo.TypeOf(r.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					return true
				}
			}
		}
	}
	var blocking bool // any call but a quick one counts as a wait
	waits := func(root ast.Node, after token.Pos) bool {
		found := false
		ast.Inspect(root, func(n ast.Node) bool {
			if found || n == nil || n == g {
				return false
			}
			if n.End() <= after {
				return false // before g
			}
			if n.Pos() < after {
				return true // an ancestor of g: look inside
			}
			switch n := n.(type) {
			case *ast.UnaryExpr:
				found = n.Op == token.ARROW
			case *ast.SendStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
				found = true
			case *ast.CallExpr:
				if blocking {
					found = !c.quickCall(n)
					break
				}
				fn := c.callee(n)
				if k, ok := c.joiners.Lookup(fn); ok && k == apis.JoinWait {
					found = true
				}
				if s != nil {
					for _, a := range n.Args {
						if s.has(a) {
							found = true
						}
					}
				}
			}
			return !found
		})
		return found
	}
	blocking = true
	if waits(u.body, g.End()) {
		return true
	}
	blocking = false // deferred calls: only waits count
	deferred := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeferStmt); ok && !deferred {
			deferred = waits(d, d.Pos()-1)
			return false
		}
		return !deferred
	})
	return deferred
}

// quickPkgs are packages whose functions and methods return promptly:
// formatting, errors, logging, encoding into a writer.
var quickPkgs = map[string]bool{
	"fmt": true, "errors": true, "strconv": true, "strings": true, "bytes": true,
	"log": true, "log/slog": true, "encoding/json": true, "time": true, "sync/atomic": true,
}

// quickHTTP are the net/http functions and receiver types of a handler's
// reply, which do not wait for other work.
var quickHTTP = map[string]bool{
	"Error": true, "NotFound": true, "Redirect": true, "SetCookie": true, "StatusText": true,
	"ResponseWriter": true, "Header": true, "Request": true, "Flusher": true,
}

// quickCall reports whether call surely returns promptly: a builtin, a
// conversion, or a call into quickPkgs or the reply side of net/http.
// Everything else (user functions, function values) may block.
func (c *checker) quickCall(call *ast.CallExpr) bool {
	if tv, ok := c.pass.TypesInfo.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return true
	}
	fn := c.callee(call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	if quickPkgs[path] {
		return true
	}
	if path != apis.HTTPPkg {
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		return ok && quickHTTP[n.Obj().Name()]
	}
	return quickHTTP[fn.Name()]
}
