package goleak

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A ChanFact summarises what a function does with its channel and context
// parameters, for callers in other packages: `go f(ch, ctx)` and synchronous
// calls that receive from, send on or close the caller's channel.
// A channel parameter that the function lets escape is not listed.
type ChanFact struct {
	Params  []ParamFact
	Forever bool // the function loops forever: no path reaches a return
	Joined  bool // the function reports to a WaitGroup (Done)
}

// A ParamFact is what a function does with one parameter (receiver first).
type ParamFact struct {
	Index                                            int
	Chan                                             bool // a channel parameter that does not escape
	Ctx                                              bool // a context.Context parameter
	CtxUsed                                          bool // Ctx: the function uses the context at all
	SendLo, SendHi                                   int
	RecvLo, RecvHi                                   int
	CloseLo, CloseHi                                 int
	Range, RangeExits, RecvLoop, NonBlocking, Others bool
}

func (*ChanFact) AFact() {}

func (f *ChanFact) String() string {
	var parts []string
	for _, p := range f.Params {
		if p.Ctx {
			if p.CtxUsed {
				parts = append(parts, fmt.Sprintf("%d:ctx", p.Index))
			} else {
				parts = append(parts, fmt.Sprintf("%d:ctx-unused", p.Index))
			}
			continue
		}
		var ops []string
		if p.SendHi > 0 {
			ops = append(ops, "send"+spanString(p.SendLo, p.SendHi))
		}
		if p.Range {
			ops = append(ops, "range")
		} else if p.RecvHi > 0 {
			ops = append(ops, "recv"+spanString(p.RecvLo, p.RecvHi))
		}
		if p.CloseHi > 0 {
			ops = append(ops, "close"+spanString(p.CloseLo, p.CloseHi))
		}
		if p.NonBlocking {
			ops = append(ops, "select")
		}
		if len(ops) == 0 {
			ops = append(ops, "none")
		}
		parts = append(parts, fmt.Sprintf("%d:%s", p.Index, strings.Join(ops, ",")))
	}
	s := "chans(" + strings.Join(parts, " ") + ")"
	if f.Forever {
		s += " forever"
	}
	if f.Joined {
		s += " joined"
	}
	return s
}

func spanString(lo, hi int) string {
	str := func(n int) string {
		if n >= many {
			return "n"
		}
		return fmt.Sprint(n)
	}
	if lo == hi {
		return str(lo)
	}
	return str(lo) + ".." + str(hi)
}

func (p ParamFact) summary() *summary {
	return &summary{
		Send:        span{p.SendLo, p.SendHi},
		Recv:        span{p.RecvLo, p.RecvHi},
		Close:       span{p.CloseLo, p.CloseHi},
		Range:       p.Range,
		RangeExits:  p.RangeExits,
		RecvLoop:    p.RecvLoop,
		NonBlocking: p.NonBlocking,
		OtherSends:  p.Others,
	}
}

// exportFacts summarises every function of the package that has channel or
// context parameters, or loops forever, into a ChanFact.
func (c *checker) exportFacts(fns []*ssa.Function) {
	for _, fn := range fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || len(fn.Blocks) == 0 || fn.Parent() != nil {
			continue
		}
		fact := &ChanFact{Forever: c.forever(fn), Joined: c.joins(fn)}
		chans := false
		for i, p := range fn.Params {
			switch {
			case isContext(p.Type()) && fact.Forever:
				fact.Params = append(fact.Params, ParamFact{Index: i, Ctx: true, CtxUsed: used(p)})
			case isChan(p.Type()):
				s := c.summarize(fn, p, -1)
				if s.Escapes || len(s.Spawns) > 0 {
					continue
				}
				chans = true
				fact.Params = append(fact.Params, ParamFact{
					Index: i, Chan: true,
					SendLo: s.Send.lo, SendHi: s.Send.hi,
					RecvLo: s.Recv.lo, RecvHi: s.Recv.hi,
					CloseLo: s.Close.lo, CloseHi: s.Close.hi,
					Range: s.Range, RangeExits: s.RangeExits, RecvLoop: s.RecvLoop, NonBlocking: s.NonBlocking, Others: s.OtherSends,
				})
			}
		}
		if chans || fact.Forever {
			c.pass.ExportObjectFact(obj, fact)
		}
	}
}

// used reports whether v has any use other than debug information.
func used(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// forever reports whether fn loops forever: no path from its entry reaches
// a return, and some path enters a loop.
func (c *checker) forever(fn *ssa.Function) bool {
	if len(fn.Blocks) == 0 || recovers(fn) {
		return false
	}
	g := c.graphOf(fn)
	if g.returns() {
		return false
	}
	for _, cyc := range g.cyclic {
		if cyc {
			return true
		}
	}
	return false
}

// isStdPath reports whether path is a standard library package: its first
// element has no dot.
func isStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
