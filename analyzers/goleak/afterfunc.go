package goleak

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A receive from the C field of a timer that time.AfterFunc made. AfterFunc
// runs its function when the timer fires and leaves C nil, and a receive
// from a nil channel blocks forever:
//
//	t := time.AfterFunc(d, f)
//	<-t.C // blocks forever
//
// The timer is followed from the call through SSA values (a local that no
// closure captures), not through fields or other functions.

// nilTimerReceive reports receives from the C field of the timer made by
// call, when call is a constructor of apis.NilChanTimers.
func (c *checker) nilTimerReceive(call *ssa.Call) {
	if _, ok := c.nilTimers.Lookup(apis.SSACallee(call.Common())); !ok {
		return
	}
	for _, r := range refs(call) {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.X != call {
			continue
		}
		st, ok := pointee(fa.X.Type()).Underlying().(*types.Struct)
		if !ok || st.Field(fa.Field).Name() != "C" {
			continue
		}
		for _, l := range refs(fa) {
			ld, ok := l.(*ssa.UnOp)
			if !ok || ld.Op != token.MUL {
				continue
			}
			c.reportNilTimerRecvs(call, ld, 0)
		}
	}
}

func (c *checker) reportNilTimerRecvs(call *ssa.Call, v ssa.Value, depth int) {
	for _, u := range refs(v) {
		pos := token.NoPos
		switch u := u.(type) {
		case *ssa.UnOp:
			if u.Op == token.ARROW && u.X == v {
				pos = u.Pos()
			}
		case *ssa.ChangeType:
			if depth < 3 {
				c.reportNilTimerRecvs(call, u, depth+1)
			}
		case *ssa.Select:
			if !u.Blocking {
				continue // a default case runs instead
			}
			for _, st := range u.States {
				if st.Chan == v && st.Dir == types.RecvOnly {
					pos = st.Pos
				}
			}
			if pos.IsValid() && len(u.States) > 1 {
				continue // another case may be ready: only that case is dead
			}
		}
		if !pos.IsValid() || c.report.Reported(pos) {
			continue
		}
		c.report.Report(analysis.Diagnostic{
			Pos:      pos,
			Category: "abandoned-receive",
			Message:  fmt.Sprintf("receive from the C field of the timer made by time.AfterFunc at line %d blocks forever: AfterFunc leaves C nil and calls its function instead; signal from that function (close a channel it owns), or use time.NewTimer", c.line(call.Pos())),
			Related:  []analysis.RelatedInformation{{Pos: call.Pos(), Message: "the timer is made here"}},
		})
	}
}
