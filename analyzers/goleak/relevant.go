package goleak

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// needsSSA reports whether a rule of goleak can fire in the package or a
// fact can be exported from it, the condition for building its SSA form.
// Every rule starts from a channel, a goroutine or a concurrency API, and
// every fact summarises one, except ChanFact.Forever (a function that loops
// forever). So the package needs SSA when
//   - an expression or type of the package is a channel (made, passed,
//     stored, received from, sent on, closed, ranged over: every one of
//     these is an expression of channel type), or it has a go statement;
//   - it refers to a function of goleak's concurrency vocabulary: package
//     sync's mutexes, condition variables, Once and WaitGroup, errgroup,
//     the context constructors, signals and roots, a request's context,
//     time's timers (the tables it matches calls against; the path-ending
//     calls and error constructors only refine the other rules);
//   - it refers to a function of another package that carries a ChanFact
//     or a LockFact; or
//   - an exported function of it may loop forever (mayLoopForever).
//
// It deliberately ignores everything else: a package without any of these
// has no channel, goroutine or mutex for a rule to be about.
func needsSSA(pass *analysis.Pass) bool {
	for _, tv := range pass.TypesInfo.Types {
		if tv.Type != nil && isChan(tv.Type) {
			return true
		}
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for range ins.PreorderSeq((*ast.GoStmt)(nil)) {
		return true
	}
	if usesConcurrency(pass) {
		return true
	}
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	ends := apis.NewMatcher(apis.PathEnds)
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil && fd.Name.IsExported() &&
				mayLoopForever(pass, cfgs, ends, fd) {
				return true
			}
		}
	}
	return false
}

// usesConcurrency reports whether the package refers to a function of
// goleak's concurrency tables, or to a function of another package with a
// ChanFact or LockFact.
func usesConcurrency(pass *analysis.Pass) bool {
	lookups := append([]func(*types.Func) bool(nil),
		matches(apis.Locks), matches(apis.Conds), matches(apis.Onces), matches(apis.Joiners),
		matches(apis.CancelCtors), matches(apis.GroupCtors), matches(apis.CtxSignals), matches(apis.CtxRoots),
		matches(apis.RequestCtx), matches(apis.Timers), matches(apis.NilChanTimers))
	seen := make(map[*types.Func]bool)
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || seen[fn] {
			continue
		}
		seen[fn] = true
		for _, l := range lookups {
			if l(fn) {
				return true
			}
		}
		if fn.Pkg() != nil && fn.Pkg() != pass.Pkg {
			if pass.ImportObjectFact(fn.Origin(), new(ChanFact)) || pass.ImportObjectFact(fn.Origin(), new(LockFact)) {
				return true
			}
		}
	}
	return false
}

// matches returns a lookup of fn in t, interface methods' implementations
// included.
func matches[R any](t apis.Table[R]) func(*types.Func) bool {
	m := apis.NewMatcher(t)
	return func(fn *types.Func) bool {
		if !m.MayMatch(fn) {
			return false
		}
		_, ok := m.Lookup(fn)
		return ok
	}
}

// mayLoopForever reports whether fd may get a ChanFact with Forever: no
// path from its entry reaches a return. It is false when the control-flow
// graph of its body has a path from the entry to a return statement, or to
// the end of the body, through blocks none of which calls panic, a function
// that does not return, or a call goleak takes as the end of a path (t.Fatal,
// log.Fatal, testify's require), and the body has no empty select.
func mayLoopForever(pass *analysis.Pass, cfgs *ctrlflow.CFGs, ends *apis.Matcher[apis.PathEndKind], fd *ast.FuncDecl) bool {
	g := cfgs.FuncDecl(fd)
	if g == nil || len(g.Blocks) == 0 {
		return true
	}
	emptySelect := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectStmt); ok && len(s.Body.List) == 0 {
			emptySelect = true
		}
		return !emptySelect
	})
	if emptySelect {
		return true
	}
	seen := make(map[*cfg.Block]bool)
	stack := []*cfg.Block{g.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if blockEndsPath(pass, cfgs, ends, b) {
			continue
		}
		if len(b.Succs) == 0 {
			return false // a return statement, or the end of the body
		}
		stack = append(stack, b.Succs...)
	}
	return true
}

// blockEndsPath reports whether a call in block b, at any depth, may end the
// path: panic, a function that does not return, a path-ending call.
func blockEndsPath(pass *analysis.Pass, cfgs *ctrlflow.CFGs, ends *apis.Matcher[apis.PathEndKind], b *cfg.Block) bool {
	found := false
	for _, n := range b.Nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || found {
				return !found
			}
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					found = true
					return false
				}
			}
			fn := apis.Callee(pass.TypesInfo, call)
			if fn == nil {
				return true
			}
			if _, ok := ends.Lookup(fn); ok || cfgs.NoReturn(fn) ||
				(fn.Pkg() != nil && apis.PathMatches(fn.Pkg().Path(), apis.PathEndPkgs)) {
				found = true
			}
			return !found
		})
	}
	return found
}
