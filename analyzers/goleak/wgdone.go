package goleak

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A goroutine that can return without calling Done on the WaitGroup its
// creator waits for:
//
//	wg.Add(1)
//	go func() {
//		if err := step(); err != nil {
//			return // Done is skipped: wg.Wait() blocks forever
//		}
//		wg.Done()
//	}()
//	wg.Wait()
//
// The goroutine is a function literal that captures the WaitGroup and
// uses it only to call Done, never deferred and never inside a loop of the
// goroutine (there the WaitGroup counts work items, one Done each); the
// creator calls Wait on the same WaitGroup. A path from the literal's entry to a return that calls
// no Done is reported at that return. Paths that end in a panic or a
// call that does not return are not paths to a return.

// skippedDone reports the go statement g when it starts such a goroutine.
func (c *checker) skippedDone(fn *ssa.Function, g *ssa.Go) {
	mc, ok := g.Call.Value.(*ssa.MakeClosure)
	if !ok {
		return
	}
	lit, ok := mc.Fn.(*ssa.Function)
	if !ok || len(lit.Blocks) == 0 || lit.Recover != nil {
		return
	}
	for i, b := range mc.Bindings {
		if i >= len(lit.FreeVars) {
			break
		}
		wait := c.waitOn(fn, b)
		if wait == nil {
			continue
		}
		doneBlocks, ok := c.onlyDone(lit.FreeVars[i])
		if !ok || len(doneBlocks) == 0 || c.doneInLoop(lit, doneBlocks) {
			continue
		}
		ret := c.returnSkipping(lit, doneBlocks)
		if ret == nil {
			continue
		}
		name := c.exprText(b.Pos(), "the WaitGroup")
		pos := ret.Pos()
		if !pos.IsValid() {
			pos = lit.Syntax().End() - 1
		}
		if c.report.Reported(pos) {
			continue
		}
		c.report.Report(analysis.Diagnostic{
			Pos:      pos,
			Category: "premature-wait",
			Message:  fmt.Sprintf("the goroutine started at line %d returns here without calling %s.Done(), so %s.Wait() at line %d blocks forever: defer %s.Done() at the top of the goroutine", c.line(g.Pos()), name, name, c.line(wait.Pos()), name),
			Related: []analysis.RelatedInformation{
				{Pos: g.Pos(), Message: "goroutine started here"},
				{Pos: wait.Pos(), Message: "waits here"},
			},
			SuggestedFixes: c.deferDoneFix(lit, name, doneBlocks),
		})
	}
}

// doneInLoop reports whether lit calls Done inside one of its loops: the
// WaitGroup then counts work items (wg.Add(len(jobs)), one Done a job),
// not goroutines, and a goroutine that returns after its last item owes
// no Done.
func (c *checker) doneInLoop(lit *ssa.Function, done map[*ssa.BasicBlock]*ssa.Call) bool {
	g := c.graphOf(lit)
	for b := range done {
		if g.inLoop(b) {
			return true
		}
	}
	return false
}

// waitOn returns a call in fn of Wait on the WaitGroup v, or nil.
func (c *checker) waitOn(fn *ssa.Function, v ssa.Value) *ssa.Call {
	for _, r := range refs(v) {
		call, ok := r.(*ssa.Call)
		if !ok || call.Parent() != fn || len(call.Call.Args) != 1 || call.Call.Args[0] != v {
			continue
		}
		if k, ok := c.joiners.Lookup(apis.SSACallee(call.Common())); ok && k == apis.JoinWait && apis.FullName(apis.SSACallee(call.Common())) == "(*sync.WaitGroup).Wait" {
			return call
		}
	}
	return nil
}

// onlyDone returns the blocks where free variable fv, a *sync.WaitGroup,
// gets Done called on it, when that is its only use (not deferred).
func (c *checker) onlyDone(fv *ssa.FreeVar) (map[*ssa.BasicBlock]*ssa.Call, bool) {
	blocks := make(map[*ssa.BasicBlock]*ssa.Call)
	for _, r := range refs(fv) {
		if isDebug(r) {
			continue
		}
		call, ok := r.(*ssa.Call)
		if !ok || len(call.Call.Args) != 1 || call.Call.Args[0] != fv {
			return nil, false
		}
		if k, ok := c.joiners.Lookup(apis.SSACallee(call.Common())); !ok || k != apis.JoinDone || apis.FullName(apis.SSACallee(call.Common())) != "(*sync.WaitGroup).Done" {
			return nil, false
		}
		blocks[call.Block()] = call
	}
	return blocks, true
}

// returnSkipping returns a return of lit reachable from its entry through
// no block of done, or nil.
func (c *checker) returnSkipping(lit *ssa.Function, done map[*ssa.BasicBlock]*ssa.Call) *ssa.Return {
	g := c.graphOf(lit)
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{lit.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || done[b] != nil {
			continue
		}
		seen[b] = true
		if isReturn(b) && !g.dead[b.Index] {
			return b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		}
		stack = append(stack, g.succs(b)...)
	}
	return nil
}

// exprText returns the source text of the expression at pos, or def.
func (c *checker) exprText(pos token.Pos, def string) string {
	if !pos.IsValid() {
		return def
	}
	f := c.pass.Fset.File(pos)
	for _, file := range c.pass.Files {
		if c.pass.Fset.File(file.Pos()) != f {
			continue
		}
		var name string
		ast.Inspect(file, func(n ast.Node) bool {
			if name != "" || n == nil || n.Pos() > pos || n.End() <= pos {
				return name == ""
			}
			if id, ok := n.(*ast.Ident); ok && id.Pos() == pos {
				name = id.Name
			}
			return true
		})
		if name != "" {
			return name
		}
	}
	return def
}

// deferDoneFix inserts defer name.Done() at the top of the literal and
// deletes the Done statements, when each is a statement of its own.
func (c *checker) deferDoneFix(lit *ssa.Function, name string, done map[*ssa.BasicBlock]*ssa.Call) []analysis.SuggestedFix {
	fl, ok := lit.Syntax().(*ast.FuncLit)
	if !ok || len(fl.Body.List) == 0 {
		return nil
	}
	var edits []analysis.TextEdit
	ok = true
	for _, call := range done {
		found := false
		ast.Inspect(fl.Body, func(n ast.Node) bool {
			es, isStmt := n.(*ast.ExprStmt)
			if !isStmt || found {
				return !found
			}
			if ce, isCall := es.X.(*ast.CallExpr); isCall && ce.Lparen == call.Pos() {
				found = true
				// The whole line goes, with its indent and newline.
				tf, src, indent, own := c.lineIndent(es.Pos())
				end := tf.Offset(es.End())
				if !own || end >= len(src) || src[end] != '\n' {
					ok = false
					return false
				}
				edits = append(edits, analysis.TextEdit{Pos: es.Pos() - token.Pos(len(indent)), End: es.End() + 1})
			}
			return !found
		})
		if !found {
			ok = false
		}
	}
	if !ok {
		return nil
	}
	first := fl.Body.List[0]
	_, _, indent, okIndent := c.lineIndent(first.Pos())
	if !okIndent {
		return nil
	}
	edits = append(edits, analysis.TextEdit{Pos: first.Pos(), End: first.Pos(), NewText: []byte("defer " + name + ".Done()\n" + indent)})
	return []analysis.SuggestedFix{{Message: "defer " + name + ".Done() at the top of the goroutine", TextEdits: edits}}
}
