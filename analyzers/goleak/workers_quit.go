package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// Workers that quit early: a producer feeds workers over a channel, the
// workers leave their receive loop on an error, and the producer blocks
// on its next send because nobody receives any more.
//
//	g, gctx := errgroup.WithContext(ctx)
//	jobs := make(chan job)
//	g.Go(func() error {
//		defer close(jobs)
//		for _, j := range all {
//			jobs <- j // blocks forever once every worker has returned
//		}
//		return nil
//	})
//	g.Go(func() error {
//		for j := range jobs {
//			if err := do(j); err != nil {
//				return err
//			}
//		}
//		return nil
//	})
//	return g.Wait() // never returns

// A party is a goroutine that the creator starts and that uses the
// channel: with a go statement or through the Go method of a group
// (errgroup.Group, sync.WaitGroup).
type party struct {
	start ssa.CallInstruction // the go statement, or the call of Go
	fn    *ssa.Function       // the function it runs
	ch    ssa.Value           // the channel in fn: a free variable or a parameter
	mk    *ssa.MakeClosure    // the closure, for a function literal
	group ssa.Value           // for a call of Go, the group (its root)
	evs   []event             // what fn does with the channel
}

// workersQuitEarly reports a producer's send on channel mc, made in fn,
// when every goroutine that receives from mc is a worker whose receive
// loop can end other than by mc being closed (a return or break on a test
// that is not of the job received alone) and nobody receives after that,
// and a producer or fn closes mc. The producer is a goroutine that fn starts, or fn itself after it
// has started a worker; its send is a plain send, or a select whose other
// cases all wait on the parent of the errgroup.WithContext context that
// runs the workers (an error cancels the group's context, not its parent),
// when some early exit of every worker does not test a context.
//
// It is silent when the channel goes anywhere but into sends, a close and
// the goroutines fn starts; when fn receives from it; when any goroutine
// does anything with it but range over it (a worker) or send on it and
// close it (a producer); when a worker's early exit is followed by a
// further receive from it (draining the channel); when the buffer is not
// a constant or, with one job for each of a constant number of workers,
// holds every send; and for a select on any other signal.
func (c *checker) workersQuitEarly(fn *ssa.Function, mc *ssa.MakeChan) {
	k, ok := mc.Size.(*ssa.Const)
	if !ok || k.Value == nil {
		return
	}
	buf := int(k.Int64())
	parties, own, ok := c.chanParties(fn, mc)
	if !ok {
		return
	}
	var workers, producers []*party
	for _, p := range parties {
		switch {
		case rangesOnly(c.graphOf(p.fn), p.evs):
			workers = append(workers, p)
		case sendsOnly(p.evs):
			producers = append(producers, p)
		default:
			return
		}
	}
	if len(workers) == 0 || !closes(producers, own) {
		return
	}
	var early *ssa.Return // the first worker's early return
	for _, w := range workers {
		ret := c.earlyReturn(w, false)
		if ret == nil {
			return // a worker that receives to the end
		}
		if early == nil {
			early = ret
		}
	}
	if n := c.sendCount(fn, producers, own); n < many && n <= buf+c.workerCount(fn, workers) {
		return // the buffer and a first job for every worker hold every send
	}
	q := &quitters{c: c, fn: fn, name: c.chanLabel(mc), workers: workers, early: early}
	q.describeGroup()
	for _, p := range producers {
		q.reportProducer(p, p.evs)
	}
	var afterStart []event // the creator's sends that can follow a worker's start
	for _, e := range own {
		if e.kind == evClose {
			continue
		}
		for _, w := range workers {
			if c.graphOf(fn).reaches(w.start, e.instr) {
				afterStart = append(afterStart, e)
				break
			}
		}
	}
	q.reportProducer(nil, afterStart)
}

// chanParties returns the goroutines that fn starts with channel mc, and
// fn's own sends on it and closes of it. ok is false when the channel goes
// anywhere else or fn receives from it.
func (c *checker) chanParties(fn *ssa.Function, mc *ssa.MakeChan) (parties []*party, own []event, ok bool) {
	work := []ssa.Value{mc}
	seen := map[ssa.Value]bool{mc: true}
	push := func(v ssa.Value) {
		if !seen[v] {
			seen[v] = true
			work = append(work, v)
		}
	}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, r := range refs(x) {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.ChangeType:
				push(r)
			case *ssa.UnOp: // a load from the variable holding the channel
				if r.Op != token.MUL || r.X != x {
					return nil, nil, false
				}
				push(r)
			case *ssa.Store:
				if r.Addr == x {
					continue // the one store into the variable, checked below
				}
				cell, isCell := r.Addr.(*ssa.Alloc)
				if !isCell || r.Val != x || storesTo(cell) != 1 {
					return nil, nil, false
				}
				push(cell)
			case *ssa.Send:
				if r.Chan != x {
					return nil, nil, false
				}
				own = append(own, event{kind: evSend, instr: r, pos: r.Pos()})
			case *ssa.Select:
				for i, st := range r.States {
					switch {
					case st.Send == x || st.Chan == x && st.Dir != types.SendOnly:
						return nil, nil, false
					case st.Chan == x && len(r.States) == 1 && r.Blocking:
						own = append(own, event{kind: evSend, instr: r, pos: st.Pos})
					case st.Chan == x:
						own = append(own, event{kind: evSelSend, instr: r, sel: r, state: i, pos: st.Pos})
					}
				}
			case *ssa.MakeClosure:
				p := c.closureParty(r, x)
				if p == nil {
					return nil, nil, false
				}
				parties = append(parties, p)
			case *ssa.Go:
				p := c.namedParty(r, x)
				if p == nil {
					return nil, nil, false
				}
				parties = append(parties, p)
			case ssa.CallInstruction: // a call or defer: close, len or cap
				b, isBuiltin := r.Common().Value.(*ssa.Builtin)
				switch {
				case !isBuiltin:
					return nil, nil, false
				case b.Name() == "close":
					own = append(own, event{kind: evClose, instr: r, pos: r.Pos()})
				case b.Name() != "len" && b.Name() != "cap":
					return nil, nil, false
				}
			default:
				return nil, nil, false
			}
		}
	}
	for _, p := range parties {
		evs, ok := c.events(p.fn, p.ch, -1)
		if !ok {
			return nil, nil, false
		}
		p.evs = evs
		c.descend(p)
	}
	return parties, own, true
}

// closes reports whether a producer or the creator (own) closes the
// channel: the workers' loops are meant to end that way.
func closes(producers []*party, own []event) bool {
	for _, p := range producers {
		for _, e := range p.evs {
			if e.kind == evClose || e.kind == evDefer && e.sum.Close.hi > 0 {
				return true
			}
		}
	}
	for _, e := range own {
		if e.kind == evClose {
			return true
		}
	}
	return false
}

// storesTo counts the stores into variable cell.
func storesTo(cell *ssa.Alloc) int {
	n := 0
	for _, u := range refs(cell) {
		if st, ok := u.(*ssa.Store); ok && st.Addr == cell {
			n++
		}
	}
	return n
}

// closureParty returns the goroutine that runs closure mk, which captures
// channel x: mk must be used once, started by a go statement or handed to
// the Go method of a group.
func (c *checker) closureParty(mk *ssa.MakeClosure, x ssa.Value) *party {
	lit, ok := mk.Fn.(*ssa.Function)
	if !ok || mk.Fn == x {
		return nil
	}
	var fv ssa.Value
	for i, b := range mk.Bindings {
		if b == x && i < len(lit.FreeVars) {
			fv = lit.FreeVars[i]
		}
	}
	var start ssa.CallInstruction
	var group ssa.Value
	for _, u := range refs(mk) {
		if isDebug(u) {
			continue
		}
		call, ok := u.(ssa.CallInstruction)
		if !ok || start != nil {
			return nil
		}
		cc := call.Common()
		switch call.(type) {
		case *ssa.Go:
			if cc.Value != mk || len(cc.Args) > 0 {
				return nil
			}
		case *ssa.Call:
			kind, ok := c.joiners.Lookup(apis.SSACallee(cc))
			if !ok || kind != apis.JoinStart || cc.IsInvoke() || len(cc.Args) != 2 || cc.Args[1] != mk {
				return nil
			}
			group = root(cc.Args[0])
		default:
			return nil
		}
		start = call
	}
	if fv == nil || start == nil {
		return nil
	}
	return &party{start: start, fn: lit, ch: fv, mk: mk, group: group}
}

// namedParty returns the goroutine that go statement g starts, a function
// of this package that gets channel x as one argument.
func (c *checker) namedParty(g *ssa.Go, x ssa.Value) *party {
	callee := g.Call.StaticCallee()
	if callee == nil || g.Call.IsInvoke() || g.Call.Value == x || callee.Pkg != c.ssaPkg || len(callee.Blocks) == 0 {
		return nil
	}
	var param ssa.Value
	for i, a := range g.Call.Args {
		if a == x {
			if param != nil || i >= len(callee.Params) {
				return nil
			}
			param = callee.Params[i]
		}
	}
	if param == nil {
		return nil
	}
	return &party{start: g, fn: callee, ch: param}
}

// descend moves p into the function of this package that its function
// only calls with the channel (g.Go(func() error { return work(jobs) })):
// that function's loop is the worker's.
func (c *checker) descend(p *party) {
	for range 4 {
		if len(p.evs) != 1 || p.evs[0].kind != evCall {
			return
		}
		call, ok := p.evs[0].instr.(*ssa.Call)
		if !ok {
			return
		}
		callee := call.Call.StaticCallee()
		if callee == nil || callee.Pkg != c.ssaPkg || len(callee.Blocks) == 0 || call.Call.IsInvoke() {
			return
		}
		var param ssa.Value
		for i, a := range call.Call.Args {
			if root(a) == root(p.ch) || a == p.ch {
				if param != nil || i >= len(callee.Params) {
					return
				}
				param = callee.Params[i]
			}
		}
		if param == nil {
			return
		}
		evs, ok := c.events(callee, param, -1)
		if !ok {
			return
		}
		p.fn, p.ch, p.evs, p.mk = callee, param, evs, nil
	}
}

// rangesOnly reports whether evs are receives of range loops only
// (v, ok := <-ch in a loop), and at least one.
func rangesOnly(g *graph, evs []event) bool {
	for _, e := range evs {
		if e.kind != evRecv || !e.commaOk || !g.inLoop(e.instr.Block()) {
			return false
		}
	}
	return len(evs) > 0
}

// sendsOnly reports whether evs send on the channel, and otherwise only
// close it.
func sendsOnly(evs []event) bool {
	sends := false
	for _, e := range evs {
		switch e.kind {
		case evSend, evSelSend:
			sends = true
		case evClose:
		case evDefer:
			if e.sum.Send.hi > 0 || e.sum.Recv.hi > 0 || e.sum.Range || e.sum.NonBlocking {
				return false
			}
		default:
			return false
		}
	}
	return sends
}

// earlyReturn returns a return of worker w that follows an exit of one of
// its receive loops other than the channel being closed, on a path with no
// further receive from the channel; with skipCtx, leaving out exits on a
// branch that tests a context (or takes a select case). Nil when none.
func (c *checker) earlyReturn(w *party, skipCtx bool) *ssa.Return {
	g := c.graphOf(w.fn)
	recvs := make(map[*ssa.BasicBlock]bool)
	for _, e := range w.evs {
		recvs[e.instr.Block()] = true
	}
	for _, e := range w.evs {
		u, ok := e.instr.(*ssa.UnOp)
		l := g.innermost(e.instr.Block())
		if !ok || l == nil {
			continue
		}
		normal := make(map[edgeKey]bool)
		for _, k := range okExits(g, u) {
			normal[k] = true
		}
		for _, k := range loopExits(g, l) {
			if normal[k] || testsJob(k.b, u) || testsFixed(k.b) || skipCtx && c.testsCtx(w.fn, k.b) {
				continue
			}
			if ret := g.returnAvoiding(k.b.Succs[k.i], recvs); ret != nil {
				return ret
			}
		}
	}
	return nil
}

// testsJob reports whether block b branches on a test of the value that
// receive u took alone, computed without a call (if j == stop, if
// j.last): a sentinel job that tells the worker to stop, which the
// producer sends on purpose, not an error.
func testsJob(b *ssa.BasicBlock, u *ssa.UnOp) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	var from func(v ssa.Value, depth int) bool
	from = func(v ssa.Value, depth int) bool {
		if ex, ok := v.(*ssa.Extract); ok && ex.Tuple == u && ex.Index == 0 {
			return true
		}
		instr, ok := v.(ssa.Instruction)
		if depth == 0 || !ok {
			return false
		}
		switch v.(type) {
		case *ssa.Call, *ssa.Phi:
			return false
		}
		for _, op := range instr.Operands(nil) {
			if op != nil && *op != nil && from(*op, depth-1) {
				return true
			}
		}
		return false
	}
	return from(iff.Cond, 8)
}

// testsFixed reports whether block b branches on a value fixed before the
// worker started: a parameter, a captured variable or a constant, or a
// result computed from those alone without a call (if once { break }). A
// worker told how long to work leaves on a plan its creator accounts for,
// not on a failure.
func testsFixed(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	var fixed func(v ssa.Value, depth int) bool
	fixed = func(v ssa.Value, depth int) bool {
		switch v := v.(type) {
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Const:
			return true
		case *ssa.UnOp:
			if _, ok := v.X.(*ssa.FreeVar); ok && v.Op == token.MUL {
				return true // a captured variable
			}
			return depth > 0 && v.Op == token.NOT && fixed(v.X, depth-1)
		case *ssa.BinOp:
			return depth > 0 && fixed(v.X, depth-1) && fixed(v.Y, depth-1)
		}
		return false
	}
	return fixed(iff.Cond, 4)
}

// returnAvoiding returns the first return reached from block s through no
// block of avoid, or nil.
func (g *graph) returnAvoiding(s *ssa.BasicBlock, avoid map[*ssa.BasicBlock]bool) *ssa.Return {
	seen := map[*ssa.BasicBlock]bool{s: true}
	work := []*ssa.BasicBlock{s}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		if avoid[b] {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !g.dead[b.Index] {
			return ret
		}
		for _, n := range g.succs(b) {
			if !seen[n] {
				seen[n] = true
				work = append(work, n)
			}
		}
	}
	return nil
}

// testsCtx reports whether block b branches on a select case or on a value
// computed from a context's Done, Err or cause, in fn.
func (c *checker) testsCtx(fn *ssa.Function, b *ssa.BasicBlock) bool {
	if selectBranch(b) {
		return true
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	signals := make(map[ssa.Value]bool)
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if _, ok := c.signals.Lookup(apis.SSACallee(call.Common())); ok {
					signals[call] = true
				}
			}
		}
	}
	return dependsOn(iff.Cond, signals, 8)
}

// reaches reports whether instruction to can run after instruction from.
func (g *graph) reaches(from, to ssa.Instruction) bool {
	fb, tb := from.Block(), to.Block()
	if fb == tb {
		for _, instr := range fb.Instrs {
			if instr == from {
				return true
			}
			if instr == to {
				break
			}
		}
	}
	seen := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), g.succs(fb)...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if b == tb {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		work = append(work, g.succs(b)...)
	}
	return false
}

// sendCount is the most plain sends the producers and fn's own sends
// (own) can make on the channel, many when it cannot be counted.
func (c *checker) sendCount(fn *ssa.Function, producers []*party, own []event) int {
	g := c.graphOf(fn)
	n := 0
	for _, p := range producers {
		s := c.summarize(p.fn, p.ch, -1)
		if s.Escapes || s.NonBlocking || g.inLoop(p.start.Block()) {
			return many
		}
		n = plus(n, s.Send.hi)
	}
	sends := make(map[*ssa.BasicBlock]int)
	for _, e := range own {
		switch e.kind {
		case evSend:
			sends[e.instr.Block()]++
		case evSelSend:
			return many
		}
	}
	if len(sends) > 0 {
		s, _ := g.paths(func(b *ssa.BasicBlock) span { return span{sends[b], sends[b]} })
		n = plus(n, s.hi)
	}
	return n
}

// workerCount is the number of workers started, many when it is not a
// constant. Sends up to the buffer plus one per worker are taken to be
// received: a range loop takes a job before it can quit.
func (c *checker) workerCount(fn *ssa.Function, workers []*party) int {
	g := c.graphOf(fn)
	n := 0
	for _, w := range workers {
		k := 1
		if g.inLoop(w.start.Block()) {
			if k = c.constTrips(c.enclosingLoop(w.start.Pos())); k <= 0 {
				return many
			}
		}
		n = plus(n, k)
	}
	return n
}

// quitters holds what the findings about one channel say.
type quitters struct {
	c       *checker
	fn      *ssa.Function
	name    string         // the channel
	workers []*party       // the goroutines that receive
	early   *ssa.Return    // a worker's early return
	wait    *ssa.Call      // the creator's Wait on the workers, or nil
	ctor    *ssa.Call      // the errgroup.WithContext that made the workers' group, or nil
	row     apis.GroupCtor // its row
	gctx    string         // the name of the group's context, or ""
}

// describeGroup finds the group that runs the workers, the function that
// made it and its context, and the creator's Wait on it.
func (q *quitters) describeGroup() {
	c := q.c
	held := make(map[ssa.Value]bool) // the groups the workers belong to or capture
	for _, w := range q.workers {
		if w.group != nil {
			held[w.group] = true
		}
		if w.mk != nil {
			for _, b := range w.mk.Bindings {
				held[root(b)] = true
			}
		}
	}
	for _, b := range q.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Call.IsInvoke() || len(call.Call.Args) == 0 {
				continue
			}
			if k, ok := c.joiners.Lookup(apis.SSACallee(call.Common())); ok && k == apis.JoinWait && held[root(call.Call.Args[0])] && q.wait == nil {
				q.wait = call
			}
		}
	}
	var group ssa.Value
	for i, w := range q.workers {
		if w.group == nil || i > 0 && w.group != group {
			return // not one group
		}
		group = w.group
	}
	ex, ok := group.(*ssa.Extract)
	if !ok {
		return
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return
	}
	row, ok := apis.GroupCtors.Lookup(apis.SSACallee(call.Common()))
	if !ok || ex.Index != row.Group || row.Parent >= len(call.Call.Args) {
		return
	}
	q.ctor, q.row = call, row
	for _, n := range c.pathAt(call.Pos()) {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && row.Ctx < len(as.Lhs) {
			if id, ok := as.Lhs[row.Ctx].(*ast.Ident); ok && id.Name != "_" {
				q.gctx = id.Name
			}
			break
		}
	}
}

// reportProducer reports the first send of evs (a producer goroutine's, or
// the creator's when p is nil) that blocks once the workers have quit.
func (q *quitters) reportProducer(p *party, evs []event) {
	for _, e := range evs {
		switch e.kind {
		case evSend:
			q.report(p, e.pos, "")
			return
		case evSelSend:
			if parent := q.parentOnly(p, e.sel, e.state); parent != "" {
				q.report(p, e.pos, parent)
				return
			}
		}
	}
}

// parentOnly returns the name of the parent context when every case of sel
// but the send (case idx) waits on the Done channel of the context that the
// workers' group was derived from, and every worker can quit early without
// testing a context. It returns "" otherwise.
func (q *quitters) parentOnly(p *party, sel *ssa.Select, idx int) string {
	if q.ctor == nil || q.gctx == "" || q.wait == nil || !sel.Blocking {
		return ""
	}
	parent := root(q.ctor.Call.Args[q.row.Parent])
	if p, ok := parent.(*ssa.Parameter); !ok || p.Parent() != q.fn {
		return "" // a context of fn's own, which a worker may cancel
	}
	for i, st := range sel.States {
		if i == idx {
			continue
		}
		done, ok := st.Chan.(*ssa.Call)
		if !ok || st.Dir != types.RecvOnly || !done.Call.IsInvoke() {
			return ""
		}
		if row, ok := q.c.signals.Lookup(apis.SSACallee(done.Common())); !ok || !row.Chan {
			return ""
		}
		if outerRoot(p, done.Call.Value) != parent {
			return ""
		}
	}
	for _, w := range q.workers {
		if q.c.earlyReturn(w, true) == nil {
			return ""
		}
	}
	for _, n := range q.c.pathAt(q.ctor.Pos()) {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == q.ctor.Pos() && q.row.Parent < len(call.Args) {
			return types.ExprString(call.Args[q.row.Parent])
		}
	}
	return ""
}

// outerRoot is the root of v in the creator: a free variable of p's
// closure is the value the creator binds to it.
func outerRoot(p *party, v ssa.Value) ssa.Value {
	r := root(v)
	fv, ok := r.(*ssa.FreeVar)
	if !ok {
		return r
	}
	if p == nil || p.mk == nil {
		return nil
	}
	for i, x := range p.fn.FreeVars {
		if x == fv && i < len(p.mk.Bindings) {
			return root(p.mk.Bindings[i])
		}
	}
	return nil
}

// report reports the producer's send at pos; parent names the context the
// send's select waits on instead of the group's, or is "".
func (q *quitters) report(p *party, pos token.Pos, parent string) {
	c := q.c
	who := "producer"
	if p == nil {
		who = "the function"
	}
	wait := ""
	if q.wait != nil && q.joins(p) {
		wait = ", and " + c.callText(q.wait) + " never returns"
		if parent != "" {
			wait = ", and " + c.callText(q.wait) + " with it"
		}
	}
	line := c.line(retPos(q.early))
	var msg string
	switch {
	case parent != "":
		msg = fmt.Sprintf("%s blocks on send to %s until %s is cancelled once every worker has returned early, as at line %d%s: a worker's error cancels %s, not %s; take case <-%s.Done() instead",
			who, q.name, parent, line, wait, q.gctx, parent, q.gctx)
	case q.gctx != "":
		msg = fmt.Sprintf("%s blocks forever on send to %s once every worker has returned early, as at line %d%s: send in a select that also takes case <-%s.Done()",
			who, q.name, line, wait, q.gctx)
	default:
		msg = fmt.Sprintf("%s blocks forever on send to %s once every worker has returned early, as at line %d%s: send in a select that also takes a done channel that a worker closes when it quits, or keep the workers receiving until %s is closed",
			who, q.name, line, wait, q.name)
	}
	if c.report.Reported(pos) {
		return
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: "workers-quit-early",
		Message:  msg,
		Related: []analysis.RelatedInformation{
			{Pos: retPos(q.early), Message: "a worker returns here and receives from " + q.name + " no more"},
			{Pos: q.workers[0].start.Pos(), Message: "worker started here"},
		},
	})
}

// joins reports whether the creator's Wait waits for producer p too: p
// runs in the same group, or calls Done on the WaitGroup it captures.
func (q *quitters) joins(p *party) bool {
	if p == nil {
		return false
	}
	w := root(q.wait.Call.Args[0])
	if p.group != nil {
		return p.group == w
	}
	if p.mk == nil || !q.c.joins(p.fn) {
		return false
	}
	for _, b := range p.mk.Bindings {
		if root(b) == w {
			return true
		}
	}
	return false
}

// callText is the source text of a method call's receiver and name, as in
// g.Wait().
func (c *checker) callText(call *ssa.Call) string {
	for _, n := range c.pathAt(call.Pos()) {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == call.Pos() {
			return types.ExprString(ce.Fun) + "()"
		}
	}
	return "Wait()"
}

// chanLabel names channel mc for messages.
func (c *checker) chanLabel(mc *ssa.MakeChan) string {
	_, _, name := c.makeCall(mc)
	return name
}
