package ctxcancel

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
)

// Analyzer reports lost contexts and misused cancel functions.
var Analyzer = &analysis.Analyzer{
	Name: "ctxcancel",
	Doc: `report lost contexts and misused cancel functions

Rules: cancel-not-called (the cancel of context.WithCancel/WithTimeout/
WithDeadline/*Cause, signal.NotifyContext or a wrapper returning such a pair is
discarded, overwritten, or not called on some path to a return),
defer-in-loop (defer cancel() in a loop body), cancelled-on-return (a ctx is
returned or handed to an unjoined goroutine while its cancel is deferred),
request-ctx-escapes (an HTTP handler hands r.Context() to a goroutine that
outlives it), lost-context (context.Background/TODO used where a ctx is in
reach), growing-chain (ctx = context.WithValue(ctx, ...) in a loop) and
ctx-after-wait (the context of errgroup.WithContext given to a call after the
group's Wait, which cancels it).`,
	URL:       "https://github.com/o11ylint/o11ylint/blob/main/docs/ctxcancel.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes: []analysis.Fact{new(cancelPair), new(ctxReader), new(syncCaller)},
	Run:       run,
}

var opts *suppress.Options

func init() { opts = suppress.Flags(&Analyzer.Flags, Rules...) }

// Rule names, used as Diagnostic.Category.
const (
	ruleCancelNotCalled   = "cancel-not-called"
	ruleDeferInLoop       = "defer-in-loop"
	ruleCancelledOnReturn = "cancelled-on-return"
	ruleRequestCtxEscapes = "request-ctx-escapes"
	ruleLostContext       = "lost-context"
	ruleGrowingChain      = "growing-chain"
	ruleCtxAfterWait      = "ctx-after-wait"
)

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	report   *suppress.Filter
	cfgs     *ctrlflow.CFGs
	cancels  *apis.Matcher[apis.CancelCtor]
	derivers *apis.Matcher[apis.CtxDerive]
	roots    *apis.Matcher[struct{}]
	signals  *apis.Matcher[apis.CtxSignal]
	reqCtx   *apis.Matcher[struct{}]
	replace  *apis.Matcher[struct{}]
	joiners  *apis.Matcher[apis.JoinKind]
	bound    *apis.Matcher[apis.CtxBound]
	groups   *apis.Matcher[apis.GroupCtor]
	reported map[token.Pos]bool // goroutine starts already reported

	valueReaders *apis.Matcher[apis.CtxReader]
	readers      map[*types.Func][]int           // ctx parameters read only for values, by function of this package
	calls        map[*types.Func][]*ast.CallExpr // direct calls of the package's functions; nil when also used as a value
	fields       *fieldIndex                     // writes of bool fields, built when a guard needs it
	decls        map[*types.Func]*ast.FuncDecl   // the package's function declarations, built when needed
	syncParams   map[*types.Func][]int           // function parameters only called while the function runs, by function of this package
	all          []*unit                         // every function body of the package
}

// A unit is one function body: a declared function or a function literal.
type unit struct {
	node ast.Node // *ast.FuncDecl or *ast.FuncLit
	typ  *ast.FuncType
	body *ast.BlockStmt
	sig  *types.Signature
}

func run(pass *analysis.Pass) (any, error) {
	if !relevant(pass) {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		report:   suppress.New(pass, *opts),
		cfgs:     pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		cancels:  apis.NewMatcher(apis.CancelCtors),
		derivers: apis.NewMatcher(apis.CtxDerivers),
		roots:    apis.NewMatcher(apis.CtxRoots),
		signals:  apis.NewMatcher(apis.CtxSignals),
		reqCtx:   apis.NewMatcher(apis.RequestCtx),
		replace:  apis.NewMatcher(apis.CtxReplacers),
		joiners:  apis.NewMatcher(apis.Joiners),
		bound:    apis.NewMatcher(apis.CtxBoundResults),
		groups:   apis.NewMatcher(apis.GroupCtors),
		reported: make(map[token.Pos]bool),

		valueReaders: apis.NewMatcher(apis.CtxValueReaders),
	}
	units := c.units()
	c.all = units
	c.exportCancelPairs(units)
	c.exportCtxReaders(units)
	c.exportSyncCallers(units)
	for _, u := range units {
		sites := c.cancelSites(u)
		c.cancelNotCalled(u, sites)
		c.rerunOverwrite(units, u, sites)
		c.deferInLoop(u, sites)
		c.cancelledOnReturn(u, sites)
		c.boundOnReturn(u, sites)
		c.requestCtxEscapes(u)
		c.lostContext(u)
		c.growingChain(u)
		c.ctxAfterWait(u)
	}
	return nil, nil
}

// relevant is the fast path: a package that refers to nothing of context,
// os/signal or net/http, and imports no function known to return a cancel
// pair, has nothing to report.
func relevant(pass *analysis.Pass) bool {
	if apis.UsesAny(pass.TypesInfo, apis.ContextPkg, apis.SignalPkg, apis.HTTPPkg) {
		return true
	}
	return len(pass.AllObjectFacts()) > 0
}

// units lists every function body of the package.
func (c *checker) units() []*unit {
	ins := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var units []*unit
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		u := &unit{node: n}
		switch n := n.(type) {
		case *ast.FuncDecl:
			u.typ, u.body = n.Type, n.Body
			if obj, ok := c.pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				u.sig = obj.Signature()
			}
		case *ast.FuncLit:
			u.typ, u.body = n.Type, n.Body
			if tv, ok := c.pass.TypesInfo.Types[n]; ok {
				u.sig, _ = tv.Type.(*types.Signature)
			}
		}
		if u.body != nil && u.sig != nil {
			units = append(units, u)
		}
	}
	return units
}

// isMain reports whether u is main.main, whose return ends the process.
func (c *checker) isMain(u *unit) bool {
	d, ok := u.node.(*ast.FuncDecl)
	return ok && d.Recv == nil && d.Name.Name == "main" && c.pass.Pkg.Name() == "main"
}

// inspectBody walks the body of u without entering nested function
// literals; f receives the stack of ancestors (innermost last).
func inspectBody(u *unit, f func(n ast.Node, stack []ast.Node) bool) {
	ast.PreorderStack(u.body, nil, func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		return f(n, stack)
	})
}

// callee returns the static callee of call, if any.
func (c *checker) callee(call *ast.CallExpr) *types.Func {
	return apis.Callee(c.pass.TypesInfo, call)
}

// varOf returns the local variable that the identifier e denotes, or nil.
func (c *checker) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
		return v
	}
	v, _ := c.pass.TypesInfo.Defs[id].(*types.Var)
	return v
}

// line returns the line number of pos.
func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == apis.ContextPkg && obj.Name() == "Context"
}

// Rules are the analyzer's rule names, its diagnostic categories: what
// -ctxcancel.disable and //nolint:ctxcancel/RULE accept.
var Rules = []string{"cancel-not-called", "defer-in-loop", "cancelled-on-return", "request-ctx-escapes", "lost-context", "growing-chain", "ctx-after-wait", "malformed-directive"}
