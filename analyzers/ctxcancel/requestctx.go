package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// handlerRequest returns the *http.Request parameter of u if u has the
// shape of an HTTP handler, func(http.ResponseWriter, *http.Request)
// (which includes ServeHTTP methods), or nil.
func handlerRequest(u *unit) *types.Var {
	params := u.sig.Params()
	if params.Len() != 2 || !isNetHTTP(params.At(0).Type(), "ResponseWriter") {
		return nil
	}
	p, ok := params.At(1).Type().(*types.Pointer)
	if !ok || !isNetHTTP(p.Elem(), "Request") {
		return nil
	}
	r := params.At(1)
	if r.Name() == "" || r.Name() == "_" {
		return nil
	}
	return r
}

// roundTripRequest returns the request parameter of u when u is the
// RoundTrip method of an http.RoundTripper, or nil. The transport serves
// the request under its context (the RoundTripper contract): r.Context()
// is in reach there as in a handler.
func roundTripRequest(u *unit) *types.Var {
	fd, ok := u.node.(*ast.FuncDecl)
	if !ok || !apis.IsRoundTrip(fd.Name.Name, u.sig) {
		return nil
	}
	if r := u.sig.Params().At(0); r.Name() != "" && r.Name() != "_" {
		return r
	}
	return nil
}

func isNetHTTP(t types.Type, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == apis.HTTPPkg && n.Obj().Name() == name
}

// requestCtx returns a predicate for calls of r.Context().
func (c *checker) requestCtx(r *types.Var) func(*ast.CallExpr) bool {
	return func(call *ast.CallExpr) bool {
		if _, ok := c.reqCtx.Lookup(c.callee(call)); !ok {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && c.varOf(sel.X) == r
	}
}

// requestCtxEscapes reports the rule request-ctx-escapes: an HTTP handler
// starts a goroutine that works with r.Context() (or a context derived from
// it) and returns without waiting for it. The server cancels the request
// context as soon as the handler returns, so the goroutine's work is
// cancelled midway. Goroutines that only watch the context, goroutines the
// handler waits for (or after which it keeps looping, receiving or working
// with the context), and contexts detached with context.WithoutCancel are
// not reported.
func (c *checker) requestCtxEscapes(u *unit) {
	r := handlerRequest(u)
	if r == nil {
		return
	}
	set := c.newCtxSet(u, c.requestCtx(r))
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		g, ok := n.(*ast.GoStmt)
		if !ok || c.reported[g.Pos()] {
			return true
		}
		use := set.goUse(g)
		if use == nil || c.joinedAfter(u, g, stack, set) {
			return true
		}
		c.reported[g.Pos()] = true
		c.report.Report(analysis.Diagnostic{
			Pos: g.Pos(), End: g.End(), Category: ruleRequestCtxEscapes,
			Message:        fmt.Sprintf("the goroutine works with the request context of %s, which is cancelled when the handler returns, and the handler does not wait for it: pass context.WithoutCancel(%s.Context()) (with its own timeout) to work that must outlive the request", r.Name(), r.Name()),
			Related:        []analysis.RelatedInformation{{Pos: use.Pos(), End: use.End(), Message: "request context used here"}},
			SuggestedFixes: c.detachFix(g, set),
		})
		return true
	})
}

// detachFix wraps every request-context argument of `go f(args)` in
// context.WithoutCancel. It offers nothing for a started function literal
// (the context may be used in many places) or when the file does not
// import context.
func (c *checker) detachFix(g *ast.GoStmt, set *ctxSet) []analysis.SuggestedFix {
	if _, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return nil
	}
	pkg := c.contextName(g.Pos())
	if pkg == "" {
		return nil
	}
	var edits []analysis.TextEdit
	for _, a := range g.Call.Args {
		if set.has(a) {
			edits = append(edits,
				analysis.TextEdit{Pos: a.Pos(), End: a.Pos(), NewText: []byte(pkg + ".WithoutCancel(")},
				analysis.TextEdit{Pos: a.End(), End: a.End(), NewText: []byte(")")})
		}
	}
	if len(edits) == 0 {
		return nil
	}
	return []analysis.SuggestedFix{{Message: "detach the goroutine's context with context.WithoutCancel", TextEdits: edits}}
}

// contextName returns the name under which the file holding pos imports
// package context, or "".
func (c *checker) contextName(pos token.Pos) string {
	f := c.fileOf(pos)
	if f == nil {
		return ""
	}
	for _, imp := range f.Imports {
		if imp.Path.Value != `"context"` {
			continue
		}
		if imp.Name == nil {
			return "context"
		}
		if imp.Name.Name == "_" || imp.Name.Name == "." {
			return ""
		}
		return imp.Name.Name
	}
	return ""
}
