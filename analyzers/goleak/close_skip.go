package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// skippedClose reports a producer goroutine that closes a channel on its
// normal path but returns early on another path without closing it, while
// the function that made the channel, or another goroutine it starts,
// ranges over it: that range loop never ends. The channel is made in fn,
// every use of it is in sight (evs), and:
//
//   - exactly one goroutine closes it, a function literal or a function of
//     this package started outside any loop, that sends on it and closes
//     it on some paths only, with no deferred close;
//   - nothing else closes it, and no deferred call uses it in fn;
//   - the range is a plain one (no select, no other exit from the loop)
//     in fn, or in a goroutine that only ranges over the channel, and it
//     can run on a path that also starts the producer.
//
// Reported at the producer's first return that no close precedes, with the
// range and the skipped close as related positions. Paths that end in a
// panic, os.Exit or log.Fatal do not return; a producer that may recover a
// panic is left alone. The suggested fix defers the close at the top of the
// producer when its one close is the last statement of its body and it
// defers nothing else.
func (c *checker) skippedClose(fn *ssa.Function, mc *ssa.MakeChan, evs []event) {
	g := c.graphOf(fn)
	var producer *event
	var rangers []*event
	for i := range evs {
		e := &evs[i]
		switch e.kind {
		case evDefer, evClose:
			return
		case evCall:
			if e.sum.Close.hi > 0 || len(e.sum.Spawns) > 0 {
				return
			}
			if plainRange(e.sum) {
				rangers = append(rangers, e)
			}
		case evRecv:
			if u, ok := e.instr.(*ssa.UnOp); ok && u.CommaOk && g.inLoop(u.Block()) && !loopHasOtherExits(g, u) {
				rangers = append(rangers, e)
			}
		case evGo:
			switch {
			case len(e.sum.Spawns) > 0:
				return
			case e.sum.Close.hi > 0:
				if producer != nil || e.sum.Close.lo > 0 || e.sum.Send.hi == 0 || g.inLoop(e.instr.Block()) {
					return
				}
				producer = e
			case plainRange(e.sum) && e.sum.Send.hi == 0:
				rangers = append(rangers, e)
			}
		}
	}
	if producer == nil {
		return
	}
	var ranger *event
	for _, r := range rangers {
		if r != producer && (g.reaches(producer.instr, r.instr) || g.reaches(r.instr, producer.instr)) {
			ranger = r
			break
		}
	}
	if ranger == nil {
		return
	}
	gs := producer.instr.(*ssa.Go)
	gfn, binds := goBindings(gs, c.ssaPkg)
	if gfn == nil || recovers(gfn) {
		return
	}
	var inner ssa.Value
	for v, b := range binds {
		if root(b) == mc {
			if inner != nil {
				return
			}
			inner = v
		}
	}
	if inner == nil {
		return
	}
	pevs, ok := c.events(gfn, inner, -1)
	if !ok {
		return
	}
	closing := make(map[*ssa.BasicBlock]bool)
	var closes []event
	for _, e := range pevs {
		switch {
		case e.kind == evClose:
			closes = append(closes, e)
			closing[e.instr.Block()] = true
		case e.kind == evCall && e.sum.Close.hi > 0:
			closing[e.instr.Block()] = true
		}
	}
	ret := c.graphOf(gfn).returnAvoiding(gfn.Blocks[0], closing)
	if ret == nil || len(closes) == 0 {
		return
	}
	c.reportSkippedClose(mc, producer, ranger, ret, closes, gfn)
}

// plainRange reports whether s ranges over the channel with no other way out
// of the loop and no select.
func plainRange(s *summary) bool {
	return s.Range && !s.RangeExits && !s.NonBlocking
}

func (c *checker) reportSkippedClose(mc *ssa.MakeChan, producer, ranger *event, ret *ssa.Return, closes []event, gfn *ssa.Function) {
	sort.Slice(closes, func(i, j int) bool { return closes[i].pos < closes[j].pos })
	es := c.closeStmt(closes[0].pos)
	if es == nil {
		return
	}
	name := types.ExprString(es.X.(*ast.CallExpr).Args[0])
	_, _, made := c.makeCall(mc)
	rangePos, who := ranger.pos, "the range over "+made
	if ranger.kind == evGo {
		who = fmt.Sprintf("the goroutine started at line %d ranging over %s", c.line(ranger.pos), made)
		if p := ranger.sum.RecvPos; p.IsValid() && c.fileOf(p) != nil {
			rangePos = p
		}
	} else {
		who += fmt.Sprintf(" at line %d", c.line(ranger.pos))
	}
	d := analysis.Diagnostic{
		Pos:      retPos(ret),
		Category: "abandoned-receive",
		Message: fmt.Sprintf("%s never ends once this goroutine returns here without closing %s (the close at line %d is skipped): "+
			"close %s on every path, defer close(%s)", who, name, c.line(closes[0].pos), name, name),
		Related: []analysis.RelatedInformation{
			{Pos: rangePos, Message: "ranges over " + made + " until it is closed"},
			{Pos: closes[0].pos, Message: "the close this return skips"},
			{Pos: producer.pos, Message: "goroutine started here"},
		},
	}
	if fix, ok := c.producerDeferFix(gfn, es, name, len(closes)); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.report.Report(d)
}

// producerDeferFix moves the one close statement es of goroutine function
// gfn to a defer at the top of its body, when es is the last statement of
// the body (the close runs when the function ends anyway) and gfn defers
// nothing else (the order of deferred calls stays as it was).
func (c *checker) producerDeferFix(gfn *ssa.Function, es *ast.ExprStmt, name string, n int) (analysis.SuggestedFix, bool) {
	body, ok := bodyOf(gfn).(*ast.BlockStmt)
	if !ok || n != 1 || len(body.List) < 2 || body.List[len(body.List)-1] != es || strings.ContainsAny(name, " (") {
		return analysis.SuggestedFix{}, false
	}
	for _, b := range gfn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	first := body.List[0]
	tf, _, indent, ok := c.lineIndent(first.Pos())
	if _, _, _, alone := c.lineIndent(es.Pos()); !ok || !alone || tf.Line(es.Pos()) == tf.Line(first.Pos()) {
		return analysis.SuggestedFix{}, false
	}
	start := tf.LineStart(tf.Line(es.Pos()))
	end := token.Pos(0)
	if l := tf.Line(es.End()); l < tf.LineCount() {
		end = tf.LineStart(l + 1)
	} else {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: "close " + name + " on every return with defer",
		TextEdits: []analysis.TextEdit{
			{Pos: first.Pos(), End: first.Pos(), NewText: []byte("defer close(" + name + ")\n" + indent)},
			{Pos: start, End: end},
		},
	}, true
}
