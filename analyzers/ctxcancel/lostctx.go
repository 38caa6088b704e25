package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/words"
)

// lostContext reports the rule lost-context: a function that has a context
// in reach (a named context.Context parameter of its own, or r.Context() in
// an HTTP handler) calls context.Background() or context.TODO() and passes
// the result straight to a callee, uses it as the parent of a derivation
// (WithTimeout, WithValue, ...), or starts a goroutine with it. The callee
// then ignores the caller's cancellation, deadline and trace values.
//
// It deliberately stays silent for: function literals that only capture a
// ctx (callbacks and goroutines stored or run for later may outlive it);
// code inside a defer statement (cleanup must outlive the cancelled ctx);
// code after the function observed ctx's cancellation (ctx.Done, ctx.Err,
// context.Cause: cleanup after cancel), and calls elsewhere in the function
// of a function it also calls so, with a root context (the same work, meant
// to outlive ctx: a periodic flush and the final flush on shutdown); a root context stored in a field,
// composite literal or returned together with a derivation (an object that
// gets its own lifetime), also through local variables when the derived
// context and its cancel are both kept in an object; a root context assigned to a variable or
// converted; a call whose other arguments use the ctx in reach (values
// copied on purpose); context.WithoutCancel; and a root call with a prose
// comment about the context's lifetime (not a directive) on its line or
// above the paragraph of lines it belongs to (a documented decision); a ctx parameter of an unexported function that every caller
// gives context.Background() or context.TODO(), directly or through a ctx
// parameter of its own that is known to be a root the same way (passing it
// on changes nothing); a root-derived context whose cancel the function ties back to
// the ctx in reach by hand (context.AfterFunc(ctx, cancel), or cancel()
// after <-ctx.Done(): a staged shutdown); a call that derives a context and returns no error whose
// context result is discarded (_, span := tracer.Start(root, ...)): nothing
// runs under the root context, only the span's parent changes; and a
// function whose doc comment, or its receiver type's, states that its work
// is detached from the caller (detachPhrases: "must not be canceled when
// the caller's context is", "outlives the request", ...), a decision taken
// on purpose; and a callee of the package that ends the process (os.Exit,
// unconditionally, in its body or a goroutine it starts: endsProcess), the
// shutdown that must finish whatever becomes of the caller's request.
//
// When the callee only reads values from its context (apis.CtxValueReaders,
// or a function with a ctxReader fact: a logger or tracer taken from the
// context), the message says that the loss is log and trace correlation,
// not cancellation.
func (c *checker) lostContext(u *unit) {
	var reach []string // names of the contexts in reach, as expressions
	var ctxVars []*types.Var
	for i := range u.sig.Params().Len() {
		v := u.sig.Params().At(i)
		if isContext(v.Type()) && !unusedByName(v) && !c.givenRootOnly(u, i) {
			reach = append(reach, v.Name())
			ctxVars = append(ctxVars, v)
		}
	}
	if lit, ok := u.node.(*ast.FuncLit); ok && len(reach) == 0 {
		// A literal run inside its maker's call (by a retry helper, or in
		// place) works for that caller: the caller's ctx is in reach.
		for _, v := range c.syncReach(c.all, lit) {
			reach = append(reach, v.Name())
			ctxVars = append(ctxVars, v)
		}
	}
	r := handlerRequest(u)
	if r == nil {
		r = roundTripRequest(u)
	}
	if len(reach) == 0 && r != nil {
		reach = append(reach, r.Name()+".Context()")
	}
	if len(reach) == 0 || c.detachedByDoc(u) {
		return
	}
	observed := c.firstObservation(u, ctxVars, r)
	afterDone := c.rootCalleesAfter(u, observed)
	file := c.fileOf(u.body.Pos())
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.DeferStmt); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := c.callee(call)
		if _, ok := c.roots.Lookup(fn); !ok || len(stack) == 0 {
			return true
		}
		if observed.IsValid() && call.Pos() > observed {
			return true
		}
		outer, ok := stack[len(stack)-1].(*ast.CallExpr)
		if !ok || outer.Fun == call {
			return true
		}
		if tv, ok := c.pass.TypesInfo.Types[outer.Fun]; ok && tv.IsType() {
			return true // a conversion
		}
		if c.mentionsReach(outer, call, ctxVars, r) {
			return true // values of ctx copied on purpose
		}
		if c.underNilCtx(stack, ctxVars) {
			return true // if ctx == nil { ... context.Background() ... }: nothing to pass
		}
		what := ""
		if row, ok := c.derivers.Lookup(c.callee(outer)); ok {
			if row.Detach || len(stack) < 2 || ownLifetime(stack[len(stack)-2]) {
				return true
			}
			if _, ok := stack[len(stack)-2].(*ast.ReturnStmt); ok {
				return true
			}
			if c.linkedBack(u, stack[len(stack)-2], outer, ctxVars, r) || c.keptInObject(u, stack[len(stack)-2], outer) || c.valuesCopied(u, stack[len(stack)-2], outer, ctxVars, r) {
				return true
			}
			what = fmt.Sprintf("is the parent of %s", apis.DisplayName(c.callee(outer)))
		} else {
			if len(stack) >= 2 && c.discardsContext(stack[len(stack)-2], outer) {
				return true // _, span := tracer.Start(context.Background(), ...)
			}
			if c.valueReaderArg(outer, call) && c.linksSpans(u) {
				return true // a new trace, linked to the caller's on purpose
			}
			if f := c.callee(outer); f != nil && afterDone[f] {
				return true // the same work also runs detached once ctx is done: meant to outlive it
			}
			if c.endsProcess(c.callee(outer), make(map[*types.Func]bool)) {
				return true // the shutdown of the process must finish whatever becomes of the request
			}
			name := "the call"
			if f := c.callee(outer); f != nil {
				name = apis.DisplayName(f)
			}
			what = "is passed to " + name
			if len(stack) >= 2 {
				if g, ok := stack[len(stack)-2].(*ast.GoStmt); ok && g.Call == outer {
					what = "is given to the goroutine " + name
				} else if ownLifetime(stack[len(stack)-2]) {
					return true
				}
			}
		}
		if c.documented(file, stack, call) {
			return true
		}
		d := analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: ruleLostContext,
			Message: fmt.Sprintf("%s() %s although %s is in reach, so its cancellation, deadline and values are lost: pass %s (or context.WithoutCancel(%s) for work that must outlive it)", apis.DisplayName(fn), what, reach[0], reach[0], reach[0]),
		}
		if c.valueReaderArg(outer, call) {
			// The callee only takes values from the context (a logger, the
			// current span): what is lost is correlation, not cancellation.
			d.Message = fmt.Sprintf("%s() %s although %s is in reach, and the callee only reads values from its context, so its logs and spans lose the caller's trace and request values (cancellation is not affected): pass %s", apis.DisplayName(fn), what, reach[0], reach[0])
		}
		if len(reach) == 1 {
			fix := reach[0]
			if detach := c.detachment(file, call, fn, outer); detach != "" {
				// r.Clone(context.Background()): the copy is cut loose from
				// the caller on purpose; keep that, and keep the values.
				fix = detach + "(" + reach[0] + ")"
				d.Message = fmt.Sprintf("%s() %s although %s is in reach, so its deadline and values are lost: to outlive the caller and keep its values pass %s (or %s to stay cancellable)", apis.DisplayName(fn), what, reach[0], fix, reach[0])
			}
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "use " + fix,
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(fix)}},
			}}
		} else {
			d.Message = fmt.Sprintf("%s() %s although contexts are in reach (%s), so their cancellation, deadline and values are lost: pass one of them (or context.WithoutCancel of one for work that must outlive it)", apis.DisplayName(fn), what, joinNames(reach))
		}
		c.report.Report(d)
		return true
	})
}

// detachment returns the spelling of context.WithoutCancel
// ("context.WithoutCancel", with the file's name for the package) when root,
// a call of context.Background, is passed to a method that gives a request
// a new context (Request.Clone, Request.WithContext): a root context there
// is a deliberate choice to outlive the caller, and the fix that keeps it is
// WithoutCancel. It returns "" otherwise, and when the file's Go version
// predates WithoutCancel (go1.21).
func (c *checker) detachment(file *ast.File, root *ast.CallExpr, fn *types.Func, outer *ast.CallExpr) string {
	if fn == nil || apis.FullName(fn) != "context.Background" {
		return ""
	}
	if _, ok := c.replace.Lookup(c.callee(outer)); !ok {
		return ""
	}
	sel, ok := ast.Unparen(root.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	if pn, ok := c.pass.TypesInfo.Uses[pkg].(*types.PkgName); !ok || pn.Imported().Path() != apis.ContextPkg {
		return ""
	}
	if file != nil {
		if v := c.pass.TypesInfo.FileVersions[file]; v != "" && version.Compare(v, "go1.21") < 0 {
			return ""
		}
	}
	return pkg.Name + ".WithoutCancel"
}

// ownLifetime reports whether the value of a call under parent n is kept
// beyond the statement in an object: stored into a field or element, or a
// composite literal.
func ownLifetime(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if _, ok := ast.Unparen(l).(*ast.Ident); !ok {
				return true
			}
		}
	case *ast.KeyValueExpr, *ast.CompositeLit:
		return true
	}
	return false
}

// unusedByName reports whether parameter v is declared unused: blank,
// unnamed, or named with a leading underscore (_ctx), the spelling that
// unused-parameter linters accept as a deliberate choice not to use it.
func unusedByName(v *types.Var) bool {
	return v.Name() == "" || strings.HasPrefix(v.Name(), "_")
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// rootCalleesAfter returns the functions that u calls with a root context
// (context.Background(), context.TODO()) as an argument after it observed
// the cancellation of the context in reach: work the function means to run
// whether or not that context is canceled (a final flush on shutdown). Its
// other calls of the same function with a root context are that decision
// too.
func (c *checker) rootCalleesAfter(u *unit, observed token.Pos) map[*types.Func]bool {
	if !observed.IsValid() {
		return nil
	}
	out := make(map[*types.Func]bool)
	inspectBody(u, func(n ast.Node, _ []ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Pos() <= observed {
			return true
		}
		f := c.callee(call)
		if f == nil {
			return true
		}
		for _, a := range call.Args {
			if inner, ok := ast.Unparen(a).(*ast.CallExpr); ok {
				if _, root := c.roots.Lookup(c.callee(inner)); root {
					out[f] = true
				}
			}
		}
		return true
	})
	return out
}

// firstObservation returns the position of the first place in u that
// observes the cancellation of an in-reach context (ctx.Done(), ctx.Err(),
// context.Cause(ctx), or the same on r.Context()), or NoPos.
func (c *checker) firstObservation(u *unit, ctxVars []*types.Var, r *types.Var) token.Pos {
	isReach := func(e ast.Expr) bool {
		if v := c.varOf(e); v != nil {
			for _, cv := range ctxVars {
				if v == cv {
					return true
				}
			}
		}
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && r != nil {
			return c.requestCtx(r)(call)
		}
		return false
	}
	first := token.NoPos
	ast.Inspect(u.body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || first.IsValid() {
			return !first.IsValid()
		}
		if _, ok := c.signals.Lookup(c.callee(call)); !ok {
			return true
		}
		hit := false
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isReach(sel.X) {
			hit = true
		}
		for _, a := range call.Args {
			if isReach(a) {
				hit = true
			}
		}
		if hit {
			first = call.Pos()
		}
		return true
	})
	return first
}

// fileOf returns the syntax file holding pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// documented reports whether a comment about the context's lifetime
// (lifetimeWords) sits on the line of call, or on the lines from the line
// above the paragraph of the enclosing statement down to call. A comment
// that says what the lines do ("connect to the backend") is no decision
// about their context. The paragraph is the run of statements of the same block that
// ends with the enclosing statement with no blank line between them: a
// comment above a group of lines explains the group (a log line may sit
// between the comment and the call it explains).
func (c *checker) documented(f *ast.File, stack []ast.Node, call *ast.CallExpr) bool {
	if f == nil {
		return false
	}
	first := c.line(call.Pos())
	for i := len(stack) - 1; i >= 0; i-- {
		if st, ok := stack[i].(ast.Stmt); ok {
			if _, block := st.(*ast.BlockStmt); !block {
				first = c.line(st.Pos())
				if i > 0 {
					first = c.paragraphStart(stmtList(stack[i-1]), st)
				}
				break
			}
		}
	}
	last := c.line(call.Pos())
	for _, cg := range f.Comments {
		if !explains(cg) {
			continue
		}
		end := c.line(cg.End())
		start := c.line(cg.Pos())
		if end >= first-1 && start <= last {
			return true
		}
	}
	return false
}

// stmtList returns the statements of a block, case or select clause.
func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// paragraphStart returns the first line of the run of statements of list
// that ends with st, each starting on the line after the previous one ends.
func (c *checker) paragraphStart(list []ast.Stmt, st ast.Stmt) int {
	i := slices.Index(list, st)
	first := c.line(st.Pos())
	for ; i > 0 && c.line(list[i-1].End()) == first-1; i-- {
		first = c.line(list[i-1].Pos())
	}
	return first
}

// mentionsReach reports whether an argument of outer other than root
// refers to an in-reach context variable or calls r.Context().
func (c *checker) mentionsReach(outer, root *ast.CallExpr, ctxVars []*types.Var, r *types.Var) bool {
	for _, a := range outer.Args {
		if a != root && c.refersToReach(a, ctxVars, r, nil) {
			return true
		}
	}
	return false
}

// refersToReach reports whether e refers to an in-reach context variable,
// to a variable of also, or calls r.Context().
func (c *checker) refersToReach(e ast.Expr, ctxVars []*types.Var, r *types.Var, also map[*types.Var]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := c.pass.TypesInfo.Uses[n].(*types.Var); ok && (slices.Contains(ctxVars, v) || also[v]) {
				found = true
			}
		case *ast.CallExpr:
			if r != nil && c.requestCtx(r)(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// explains reports whether a comment group is prose, not a directive
// (//nolint, //lint:, //go:) or an analysistest expectation (// want),
// that speaks of a context's lifetime: one of its words starts with one of
// lifetimeWords.
func explains(cg *ast.CommentGroup) bool {
	text := cg.List[0].Text
	for _, p := range []string{"//nolint", "//lint:", "//go:", "// want ", "/* want "} {
		if strings.HasPrefix(text, p) {
			return false
		}
	}
	for _, w := range words.Prose(cg.Text()) {
		for _, stem := range lifetimeWords {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	return false
}

// lifetimeWords are the stems of the words a comment uses to say how long
// the work under it runs and what ends it: the context and its
// cancellation, the caller or request it outlives, the shutdown it must
// finish, a deadline of its own.
var lifetimeWords = []string{
	"context", "ctx", "cancel", "background", "todo", "detach", "outliv", "surviv",
	"independ", "lifetime", "caller", "request", "parent", "inherit", "propagat",
	"deadline", "timeout", "expir", "shutdown", "finish", "complet", "abandon",
	"regardless", "whatever", "forget", "gives", "give", "hang", "hangs",
}

// underNilCtx reports whether the node whose ancestors are stack runs only
// when a context in reach is nil: inside the body of if ctx == nil. There
// the root context stands in for a context that is not there.
func (c *checker) underNilCtx(stack []ast.Node, ctxVars []*types.Var) bool {
	for i := 0; i+1 < len(stack); i++ {
		iff, ok := stack[i].(*ast.IfStmt)
		if !ok || stack[i+1] != iff.Body {
			continue
		}
		b, ok := ast.Unparen(iff.Cond).(*ast.BinaryExpr)
		if !ok || b.Op != token.EQL {
			continue
		}
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			id, ok := ast.Unparen(pair[1]).(*ast.Ident)
			if ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil") && slices.Contains(ctxVars, c.varOf(pair[0])) {
				return true
			}
		}
	}
	return false
}
