package goleak

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/dyncall"
	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
)

// Analyzer reports goroutines that can never finish.
var Analyzer = &analysis.Analyzer{
	Name: "goleak",
	Doc: "report goroutines that can never finish\n\n" +
		"Rules: abandoned-send (a goroutine's send that no one receives once the creator returns), " +
		"abandoned-receive (a goroutine waits on a channel the creator leaves without send or close), " +
		"insufficient-buffer (more senders than receives plus buffer on an early return), " +
		"never-closed-range (a goroutine ranges over a channel its creator never closes), " +
		"uncancellable-loop (a goroutine loops forever although a ctx or done channel is in reach), " +
		"double-lock (a goroutine locks a mutex it already holds, directly or through a call), " +
		"missing-unlock (a return leaves a mutex locked that the other returns, or an error return, should release), " +
		"lock-order (two kinds of mutex locked in both orders, each while the other is held), " +
		"lock-held-wait (a wait on a channel while holding a mutex that every partner locks first), " +
		"unsignalled-wait (a Wait on a condition variable that nothing ever signals), " +
		"premature-wait (WaitGroup.Wait inside the loop that starts the goroutines counted before it), " +
		"workers-quit-early (a producer's plain send that blocks forever once every worker has returned on an error), " +
		"stop-sent-once (one value sent on a stop channel that several functions wait on: all but one wait forever).",
	URL:       "https://github.com/o11ylint/o11ylint/blob/main/docs/goleak.md",
	Requires:  []*analysis.Analyzer{ctrlflow.Analyzer, inspect.Analyzer, lazyssa.Analyzer},
	FactTypes: []analysis.Fact{new(ChanFact), new(LockFact)},
	Run:       run,
}

var opts *suppress.Options

func init() { opts = suppress.Flags(&Analyzer.Flags, Rules...) }

// A checker holds the per-pass state.
type checker struct {
	pass        *analysis.Pass
	report      *suppress.Filter
	ssaPkg      *ssa.Package
	pathEnds    *apis.Matcher[apis.PathEndKind]
	joiners     *apis.Matcher[apis.JoinKind]
	signals     *apis.Matcher[apis.CtxSignal]
	reqCtx      *apis.Matcher[struct{}]
	timers      *apis.Matcher[apis.TimerKind]
	cancelCtors *apis.Matcher[apis.CancelCtor]
	onces       *apis.Matcher[struct{}]
	nilTimers   *apis.Matcher[struct{}]
	ctxRoots    *apis.Matcher[struct{}]
	graphs      map[*ssa.Function]*graph
	sums        map[sumKey]*summary
	fresh       map[*ssa.Function]map[int]*ssa.MakeChan
	freshGos    map[*ssa.Function][]ctorGoArg // goroutines a constructor starts on its fresh struct
	srcFuncs    []*ssa.Function
	lifeMemo    map[*ssa.Function]bool
	selfHits    map[ssa.Instruction]bool   // channels (by make or constructor call) whose first user blocks on them
	initCtxs    map[*ssa.Function]*initCtx // init methods and constructors keeping a cancel function, nil when not one
	dyn         *dyncall.Resolver          // callees of dynamic calls, and call sites

	pendingGo    map[token.Pos]*analysis.Diagnostic // findings about named goroutines, by go statement
	pendingOrder []token.Pos
}

func run(pass *analysis.Pass) (any, error) {
	if !needsSSA(pass) {
		return nil, nil
	}
	res := lazyssa.Of(pass)
	if res == nil || res.Pkg == nil {
		return nil, nil
	}
	c := &checker{
		pass:        pass,
		report:      suppress.New(pass, *opts),
		ssaPkg:      res.Pkg,
		pathEnds:    apis.NewMatcher(apis.PathEnds),
		joiners:     apis.NewMatcher(apis.Joiners),
		signals:     apis.NewMatcher(apis.CtxSignals),
		reqCtx:      apis.NewMatcher(apis.RequestCtx),
		timers:      apis.NewMatcher(apis.Timers),
		cancelCtors: apis.NewMatcher(apis.CancelCtors),
		onces:       apis.NewMatcher(apis.Onces),
		nilTimers:   apis.NewMatcher(apis.NilChanTimers),
		ctxRoots:    apis.NewMatcher(apis.CtxRoots),
		graphs:      make(map[*ssa.Function]*graph),
		sums:        make(map[sumKey]*summary),
		fresh:       make(map[*ssa.Function]map[int]*ssa.MakeChan),
		freshGos:    make(map[*ssa.Function][]ctorGoArg),
		selfHits:    make(map[ssa.Instruction]bool),
		initCtxs:    make(map[*ssa.Function]*initCtx),
	}
	c.srcFuncs = res.SrcFuncs
	c.dyn = dyncall.New(res.Pkg, res.SrcFuncs)
	c.lifeMemo = make(map[*ssa.Function]bool)
	c.exportFacts(res.SrcFuncs)
	for _, fn := range res.SrcFuncs {
		if len(fn.Blocks) == 0 || c.report.Generated(fn.Pos()) || isMain(fn) {
			continue
		}
		// A function run once for the life of the process: what it leaves
		// behind when it returns, outside its loops, goes with the process.
		life := fn.Parent() == nil && c.calledOnlyForLife(fn, 0)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					c.nilTimerReceive(call)
				}
			}
			if life && !c.graphOf(fn).inLoop(b) {
				continue
			}
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.MakeChan:
					c.selfBlockMake(fn, instr)
					c.workersQuitEarly(fn, instr)
					if evs, ok := c.events(fn, instr, -1); ok {
						c.checkChan(fn, instr, instr, "", evs)
						c.skippedClose(fn, instr, evs)
					}
				case *ssa.Call:
					c.selfBlockCtor(fn, instr)
					c.checkFreshFields(fn, instr)
					c.checkInitCtx(fn, instr)
				case *ssa.Go:
					c.uncancellableLoop(fn, instr)
					c.skippedDone(fn, instr)
					c.unguardedSend(fn, instr)
				}
			}
		}
	}
	c.flushGoroutines()
	// The mutex rules, and the field-channel rules that need the mutexes
	// held, come last: they leave alone what a channel rule explained.
	newLockChecker(c).run(res.SrcFuncs)
	return nil, nil
}

// isMain reports whether fn is main.main: goroutines end with it.
func isMain(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil && fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}

// processLifetime reports whether fn is, or is nested in, main.main or an
// init function: goroutines it starts are meant to live as long as the process.
func processLifetime(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if isMain(fn) || fn.Synthetic == "package initializer" {
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Name() == "init" && obj.Signature().Recv() == nil
}

// inInitializer reports whether fn is, or is a literal inside, the
// package initializer that computes package-level variables.
func inInitializer(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.Synthetic == "package initializer"
}

// A channel is one channel made in a creator function, with its uses.
type channel struct {
	fn       *ssa.Function
	mc       *ssa.MakeChan   // the make, in fn or in a constructor fn calls
	origin   ssa.Instruction // where fn gets the channel: the make, or the constructor call
	field    string          // for a constructor call, the field holding the channel
	evs      []event
	gos      []*event
	closes   bool // the creator closes it somewhere (itself or through a callee)
	buf      int  // constant buffer size
	bufKnown bool
	sizeArg  bool   // the size is a constructor parameter, constant at the call
	cancel   string // for a context pair (mc is nil): the field holding the cancel function
	label    string // for a context pair kept by an init method: the name of the context
}

// checkChan classifies the goroutines that use channel mc, made in fn, and
// runs the rule that fits: goroutines that only send (abandoned-send,
// insufficient-buffer) or only receive (abandoned-receive,
// never-closed-range). It is silent when the channel escapes, when a
// deferred call uses it, when a goroutine is joined through a WaitGroup, and
// when goroutines both send and receive on it, and, for receivers, when a
// goroutine closes it.
func (c *checker) checkChan(fn *ssa.Function, origin ssa.Instruction, mc *ssa.MakeChan, field string, evs []event) {
	// The make comes first: goroutines a constructor starts share its instruction.
	if c.selfHits[origin] {
		return // the creator blocks on the channel before any goroutine gets it
	}
	evs = append([]event{{kind: evMake, instr: origin, pos: origin.Pos()}}, evs...)
	ch := &channel{fn: fn, mc: mc, origin: origin, field: field, evs: evs}
	size := mc.Size
	if arg := ctorArg(origin, mc.Size); arg != nil {
		size, ch.sizeArg = arg, true
	}
	if k, ok := size.(*ssa.Const); ok && k.Value != nil {
		ch.buf, ch.bufKnown = int(k.Int64()), true
	}
	c.classify(ch)
}

// classify runs the rule that fits the goroutines that use ch.
func (c *checker) classify(ch *channel) {
	evs := ch.evs
	var creatorSends, creatorRecvs, goSends, goRecvs, goCloses bool
	var all []event
	for _, e := range evs {
		// A call that starts goroutines using the channel starts them here,
		// taken to be before its own sends and receives (the order that
		// leaves nothing waiting).
		if e.kind == evCall {
			for _, sp := range e.sum.Spawns {
				all = append(all, event{kind: evGo, instr: e.instr, sum: sp, pos: e.pos})
			}
		}
		all = append(all, e)
	}
	evs = all
	ch.evs = evs
	for i := range evs {
		e := &evs[i]
		switch e.kind {
		case evGo:
			if len(e.sum.Spawns) > 0 {
				return
			}
			ch.gos = append(ch.gos, e)
			if e.sum.Joined {
				return
			}
			goCloses = goCloses || e.sum.Close.hi > 0
			goSends = goSends || e.sum.Send.hi > 0 || e.sum.NonBlocking
			goRecvs = goRecvs || e.sum.Recv.hi > 0 || e.sum.Range || e.sum.NonBlocking
		case evDefer:
			return
		case evSend, evSelSend:
			creatorSends = true
		case evRecv, evSelRecv:
			creatorRecvs = true
		case evClose:
			ch.closes = true
		case evCall:
			creatorSends = creatorSends || e.sum.Send.hi > 0
			creatorRecvs = creatorRecvs || e.sum.Recv.hi > 0 || e.sum.Range || e.sum.NonBlocking
			ch.closes = ch.closes || e.sum.Close.hi > 0
		}
	}
	for _, e := range ch.gos {
		if correlatedGuard(e.instr.Block()) {
			return
		}
	}
	switch {
	case len(ch.gos) == 0 || goSends == goRecvs:
	case ch.mc == nil && goSends:
	case goSends && !creatorSends:
		c.abandonedSend(ch)
	case goRecvs && !creatorRecvs && !goCloses && !(creatorSends && groupRecv(ch.gos)):
		c.abandonedReceive(ch)
	}
}

// contribution is how many sends a goroutine may leave waiting: its most
// sends on any path, or, when it sends on ch only on some paths and on
// another channel on others (one result channel, one error channel), the
// sends it makes on every path.
func contribution(s *summary) int {
	if s.NonBlocking {
		return 0
	}
	return s.Send.hi
}

// root follows a channel value back through loads of the variable that
// holds it and conversions to the value stored there.
func root(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Alloc:
			var only *ssa.Store
			for _, r := range *x.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == x {
					if only != nil {
						return v
					}
					only = st
				}
			}
			if only == nil {
				return v
			}
			v = only.Val
		default:
			return v
		}
	}
	return v
}

// goRoots returns the channels (by root) that a goroutine start hands over.
func goRoots(e *event) map[ssa.Value]bool {
	g, ok := e.instr.(*ssa.Go)
	if !ok {
		return nil
	}
	out := make(map[ssa.Value]bool)
	if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
		for _, b := range mc.Bindings {
			out[root(b)] = true
		}
	}
	for _, a := range g.Call.Args {
		out[root(a)] = true
	}
	return out
}

// abandonedSend reports goroutines that send on a channel made by their
// creator when some return path of the creator leaves their sends without a
// receiver: a select that takes ctx.Done, a timer or a quit channel, an early
// return before or inside a receive loop, one receive for N senders. With a
// constant buffer larger than zero and a countable number of senders the
// rule is insufficient-buffer. Receive loops that end normally (their
// condition fails, or the channel is closed) are taken to receive every
// send; goroutines started in the same loop as a receive are skipped.
func (c *checker) abandonedSend(ch *channel) {
	if !ch.bufKnown {
		return
	}
	g := c.graphOf(ch.fn)
	f := newFlow(g, ch.evs)
	recvAt := make(map[*loop]bool) // innermost loops holding a receive
	drain := func(st *state) { st.bal = 0 }
	for i := range ch.evs {
		e := &ch.evs[i]
		switch e.kind {
		case evRecv:
			recvAt[g.innermost(e.instr.Block())] = true
			if u, ok := e.instr.(*ssa.UnOp); ok && u.CommaOk {
				for _, k := range okExits(g, u) {
					f.addEdge(k, drain)
				}
			}
		case evCall:
			if e.sum.Recv.lo > 0 || e.sum.Range {
				recvAt[g.innermost(e.instr.Block())] = true
			}
		case evSelRecv:
			for k, idx := range selectCases(e.sel) {
				if idx == e.state {
					f.addEdge(k, func(st *state) { st.bal = minus(st.bal, 1) })
					recvAt[g.innermost(k.b)] = true
				} else if c.unservedCase(ch.fn, e.sel, idx) {
					f.addEdge(k, func(st *state) { st.dead = true })
				} else {
					sel, idx := e.sel, idx
					f.addEdge(k, func(st *state) { st.sel, st.selCase = sel, idx })
					// A goroutine that sends either on ch or on the channel of
					// this case has nothing left to send once this case is taken.
					other := root(e.sel.States[idx].Chan)
					for _, g := range ch.gos {
						if g.sum.Send.lo < g.sum.Send.hi && goRoots(g)[other] {
							n := contribution(g.sum)
							f.addEdge(k, func(st *state) { st.bal = minus(st.bal, n) })
						}
					}
				}
			}
		}
	}
	received := make(map[ssa.Value]bool) // values received from ch
	for i := range ch.evs {
		switch e := &ch.evs[i]; e.kind {
		case evRecv, evSelRecv:
			if v, ok := e.instr.(ssa.Value); ok {
				received[v] = true
			}
		}
	}
	c.drainLoops(g, f, ch, recvAt, received)
	groups := c.onceGroups(ch, g)
	counted := c.countedLoops(ch, g, f, recvAt, groups)
	j := c.finishJoins(ch)
	for instr := range j.at {
		f.at[instr] = append(f.at[instr], event{kind: evJoin, instr: instr})
	}
	for k := range j.edges {
		f.addEdge(k, func(st *state) { st.bal = 0 })
	}
	f.apply = func(e *event, st *state) {
		switch e.kind {
		case evMake:
			*st = state{}
		case evJoin:
			st.bal = 0
		case evGo:
			if counted[e.instr] {
				return // added when its loop ends
			}
			n := contribution(e.sum)
			if id, ok := groups[e.instr]; ok {
				if st.once&(1<<id) != 0 {
					n = min(n, e.sum.OnceFree) // another goroutine took the Once
				}
				st.once |= 1 << id
			}
			if n > 0 {
				st.bal = plus(st.bal, n)
				st.started = plus(st.started, n)
				st.goEv = e
			}
		case evRecv:
			st.bal = minus(st.bal, 1)
		case evCall:
			if e.sum.Range {
				st.bal = 0
			} else {
				st.bal = minus(st.bal, e.sum.Recv.lo)
			}
		}
	}
	f.solve()
	ret, st, need := worst(f, ch.buf)
	if ret == nil || st.goEv == nil {
		return
	}
	if st.bal >= many && ch.buf > 0 {
		return // cannot count the senders against the buffer
	}
	c.reportSend(ch, ret, st, need)
}

// worst returns the first return (by position) whose state leaves more than
// buf operations waiting, and the most operations started before any return.
func worst(f *flow, buf int) (*ssa.Return, state, int) {
	var rets []*ssa.Return
	need := 0
	for r, st := range f.result {
		need = max(need, st.started)
		if st.bal > buf {
			rets = append(rets, r)
		}
	}
	if len(rets) == 0 {
		return nil, state{}, 0
	}
	sort.Slice(rets, func(i, j int) bool { return retPos(rets[i]) < retPos(rets[j]) })
	return rets[0], f.result[rets[0]], need
}

// retPos is the position of a return, or of the closing brace of the
// function for the implicit return at its end.
func retPos(r *ssa.Return) token.Pos {
	if r.Pos().IsValid() {
		return r.Pos()
	}
	switch syn := r.Parent().Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return r.Parent().Pos()
}

// abandonedReceive reports goroutines that wait on a channel made by their
// creator when some return path of the creator neither sends on it nor
// closes it (the error path before `close(done)`). When the goroutine ranges
// over the channel and the creator never closes it, the rule is
// never-closed-range.
func (c *checker) abandonedReceive(ch *channel) {
	for _, e := range ch.gos {
		if e.sum.GroupRecv && c.siblingClosed(ch) {
			return
		}
	}
	g := c.graphOf(ch.fn)
	f := newFlow(g, ch.evs)
	for i := range ch.evs {
		e := &ch.evs[i]
		if e.kind != evSelSend {
			continue
		}
		for k, idx := range selectCases(e.sel) {
			if idx == e.state {
				f.addEdge(k, func(st *state) { st.bal = minus(st.bal, 1) })
			} else if c.unservedCase(ch.fn, e.sel, idx) {
				f.addEdge(k, func(st *state) { st.dead = true })
			} else {
				sel, idx := e.sel, idx
				f.addEdge(k, func(st *state) { st.sel, st.selCase = sel, idx })
			}
		}
	}
	// Loops that send are taken to send to every waiting goroutine when
	// they end normally (for i := 0; i < n; i++ { ch <- v }).
	sendLoops := make(map[*loop]bool)
	for i := range ch.evs {
		switch e := &ch.evs[i]; e.kind {
		case evSend, evSelSend:
			sendLoops[g.innermost(e.instr.Block())] = true
		case evCall:
			if e.sum.Send.lo > 0 {
				sendLoops[g.innermost(e.instr.Block())] = true
			}
		}
	}
	c.drainLoops(g, f, ch, sendLoops, nil)
	f.apply = func(e *event, st *state) {
		switch e.kind {
		case evMake:
			*st = state{}
		case evGo:
			if e.sum.NonBlocking || st.closed {
				return // closed before it starts: its receives return at once
			}
			switch {
			case e.sum.Range && e.sum.RangeExits:
				// the loop also ends on an error or a break
			case e.sum.Range || e.sum.RecvLoop:
				st.forever = true // only a close ends it
				st.goEv = e
			case e.sum.Recv.lo > 0:
				st.bal = plus(st.bal, e.sum.Recv.lo)
				st.goEv = e
			}
		case evSend:
			st.bal = minus(st.bal, 1)
		case evClose:
			st.bal, st.forever, st.closed = 0, false, true
		case evCall:
			// A call that cancels a context on some path only (if
			// s.cancel != nil { s.cancel() }) is taken to cancel it.
			if e.sum.Close.lo > 0 || (ch.cancel != "" && e.sum.Close.hi > 0) {
				st.bal, st.forever, st.closed = 0, false, true
			} else {
				st.bal = minus(st.bal, e.sum.Send.lo)
			}
		}
	}
	f.solve()
	for r, st := range f.result {
		if st.forever {
			st.bal = many
			f.result[r] = st
		}
	}
	ret, st, _ := worst(f, 0)
	if ret == nil || st.goEv == nil {
		return
	}
	c.reportRecv(ch, ret, st)
}

// uncancellableLoop reports a goroutine that loops forever, with no path to
// a return, started by a function that has a cancellation signal in reach
// (a context parameter, r.Context(), a done channel parameter) that the
// goroutine is never given. Goroutines started from main or init live as
// long as the process and are not reported.
func (c *checker) uncancellableLoop(fn *ssa.Function, g *ssa.Go) {
	if processLifetime(fn) || c.calledOnlyForLife(fn, 0) || g.Call.IsInvoke() {
		return
	}
	signal := c.signalInReach(fn)
	if signal == "" {
		return
	}
	var body ast.Node
	switch v := g.Call.Value.(type) {
	case *ssa.MakeClosure:
		cfn := v.Fn.(*ssa.Function)
		if !c.forever(cfn) {
			return
		}
		for _, b := range v.Bindings {
			if c.isSignal(b) {
				return
			}
		}
		for _, a := range g.Call.Args {
			if c.isSignal(a) {
				return
			}
		}
		body = bodyOf(cfn)
	case *ssa.Function:
		if v.Pkg == c.ssaPkg && len(v.Blocks) > 0 {
			if !c.forever(v) {
				return
			}
			for i, a := range g.Call.Args {
				if c.isSignal(a) && (i >= len(v.Params) || used(v.Params[i])) {
					return
				}
			}
			body = bodyOf(v)
		} else {
			obj, ok := v.Object().(*types.Func)
			var fact ChanFact
			if !ok || !c.pass.ImportObjectFact(obj.Origin(), &fact) || !fact.Forever {
				return
			}
			for i, a := range g.Call.Args {
				if !c.isSignal(a) {
					continue
				}
				for _, p := range fact.Params {
					if p.Index == i && p.CtxUsed {
						return
					}
				}
				if !isContext(a.Type()) {
					return
				}
			}
		}
	default:
		return
	}
	ignored := ""
	for i, a := range g.Call.Args {
		if c.isSignal(a) {
			ignored = fmt.Sprintf(" (it is handed %s as argument %d and ignores it)", signal, i+1)
		}
	}
	pos := g.Pos()
	if _, local := g.Call.Value.(*ssa.MakeClosure); local || body != nil {
		loop := c.foreverLoop(body)
		if loop == nil {
			return
		}
		pos = loop.Pos()
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: "uncancellable-loop",
		Message: fmt.Sprintf("goroutine started at line %d loops forever and never observes %s%s: "+
			"return from the loop when it is done (case <-ctx.Done(): return)", c.line(g.Pos()), signal, ignored),
		Related: []analysis.RelatedInformation{{Pos: g.Pos(), Message: "goroutine started here"}},
	})
}

// calledOnlyForLife reports whether fn, an unexported function of this
// package, is only ever called directly, outside loops, and only from main,
// init or functions that are themselves so called (run() in func main() {
// if err := run(); err != nil { log.Fatal(err) } }): what its goroutines
// do once it returns, they do as the process ends.
func (c *checker) calledOnlyForLife(fn *ssa.Function, depth int) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() || depth > 3 {
		return false
	}
	if v, ok := c.lifeMemo[fn]; ok {
		return v
	}
	c.lifeMemo[fn] = false // recursion: not proven
	sites, ok := c.dyn.CallSites()[fn]
	if !ok || len(sites) == 0 {
		return false
	}
	for _, site := range sites {
		if site == nil {
			return false // a go or defer statement, or a function value
		}
		caller := site.Parent()
		if c.graphOf(caller).inLoop(site.Block()) {
			return false
		}
		if !processLifetime(caller) && !c.calledOnlyForLife(caller, depth+1) {
			return false
		}
	}
	c.lifeMemo[fn] = true
	return true
}

// signalInReach describes a cancellation signal that fn has: a context
// parameter or captured context, r.Context(), or a done channel parameter.
func (c *checker) signalInReach(fn *ssa.Function) string {
	for _, p := range fn.Params {
		if isContext(p.Type()) {
			return p.Name()
		}
	}
	for _, fv := range fn.FreeVars {
		if isContext(fv.Type()) {
			return fv.Name()
		}
	}
	for _, p := range fn.Params {
		if isDoneChan(p.Type()) {
			return p.Name()
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if _, ok := c.reqCtx.Lookup(apis.SSACallee(call.Common())); ok {
					return "the request context"
				}
			}
		}
	}
	return ""
}

// isSignal reports whether v is a context or a done channel.
func (c *checker) isSignal(v ssa.Value) bool {
	return isContext(v.Type()) || isDoneChan(v.Type())
}

// isDoneChan reports whether t is a receivable channel of struct{}.
func isDoneChan(t types.Type) bool {
	ch, ok := t.Underlying().(*types.Chan)
	if !ok || ch.Dir() == types.SendOnly {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// foreverLoop finds the first `for {}` loop without a condition in the body
// of a function, outside nested function literals.
func (c *checker) foreverLoop(n ast.Node) ast.Node {
	var found ast.Node
	if n == nil {
		return nil
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			if n.Cond == nil {
				found = n
				return false
			}
		case *ast.RangeStmt:
			// A range over a timer's or ticker's channel, which the time
			// package never closes.
			if ch, ok := c.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); ok && isTimeTime(ch.Elem()) {
				found = n
				return false
			}
		}
		return true
	})
	return found
}

func isTimeTime(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// bodyOf returns the body of fn's syntax, or nil.
func bodyOf(fn *ssa.Function) ast.Node {
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body
		}
	case *ast.FuncLit:
		return syn.Body
	}
	return nil
}

// countedLoops finds goroutines started in a loop that runs a constant
// number of times (for i := 0; i < K; i++, for range K) and that has no
// receive and no exit other than its condition. Their sends are added once,
// K times over, on the loop's exit instead of growing without bound; for
// goroutines that send under a shared sync.Once (groups), the Once's sends
// count for one of them only.
func (c *checker) countedLoops(ch *channel, g *graph, f *flow, recvAt map[*loop]bool, groups map[ssa.Instruction]int) map[ssa.Instruction]bool {
	counted := make(map[ssa.Instruction]bool)
	for _, e := range ch.gos {
		l := g.innermost(e.instr.Block())
		if l == nil || recvAt[l] || l.has(ch.origin.Block()) {
			continue
		}
		k := c.constTrips(c.enclosingLoop(e.pos))
		if k <= 0 {
			continue
		}
		exits := loopExits(g, l)
		if len(exits) != 1 || selectBranch(exits[0].b) {
			continue
		}
		n := contribution(e.sum)
		if n >= many {
			continue
		}
		total := plus(0, n*k)
		id, grouped := groups[e.instr]
		free := min(n, e.sum.OnceFree)
		counted[e.instr] = true
		for _, ex := range exits {
			e := e
			f.addEdge(ex, func(st *state) {
				total := total
				if grouped {
					// One of the k goroutines takes the Once, unless one
					// started before the loop already did.
					total = plus(n, free*(k-1))
					if st.once&(1<<id) != 0 {
						total = free * k
					}
					st.once |= 1 << id
				}
				st.bal = plus(st.bal, total)
				st.started = plus(st.started, total)
				st.goEv = e
			})
		}
	}
	return counted
}

// correlatedGuard reports whether block b runs only under a condition that
// the function tests again elsewhere (if async { go ... } ... if async {
// <-ch }): the paths that pair the two tests the other way round cannot
// happen, and the flow does not know it.
func correlatedGuard(b *ssa.BasicBlock) bool {
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		for _, r := range refs(iff.Cond) {
			if other, ok := r.(*ssa.If); ok && other != iff {
				return true
			}
		}
		if bin, ok := iff.Cond.(*ssa.BinOp); ok {
			for _, op := range []ssa.Value{bin.X, bin.Y} {
				if _, isConst := op.(*ssa.Const); isConst {
					continue
				}
				for _, r := range refs(op) {
					if r != bin && !isDebug(r) {
						if _, isIf := r.(*ssa.If); isIf {
							return true
						}
						if other, ok := r.(*ssa.BinOp); ok && sameTest(bin, other) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

func isDebug(i ssa.Instruction) bool {
	_, ok := i.(*ssa.DebugRef)
	return ok
}

// sameTest reports whether two comparisons test the same operands.
func sameTest(a, b *ssa.BinOp) bool {
	return (a.X == b.X && a.Y == b.Y) || (a.X == b.Y && a.Y == b.X) ||
		(sameConst(a.Y, b.Y) && a.X == b.X) || (sameConst(a.X, b.X) && a.Y == b.Y)
}

func sameConst(x, y ssa.Value) bool {
	cx, ok1 := x.(*ssa.Const)
	cy, ok2 := y.(*ssa.Const)
	return ok1 && ok2 && cx.Value != nil && cy.Value != nil && cx.Value.ExactString() == cy.Value.ExactString()
}

// refs returns the referrers of v, none for constants and globals.
func refs(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// groupRecv reports whether a goroutine waits on the channel in a select
// over the channels of one struct: when the creator sends on this one, the
// finding belongs to the struct's other channel (the quit channel).
func groupRecv(gos []*event) bool {
	for _, e := range gos {
		if e.sum.GroupRecv {
			return true
		}
	}
	return false
}

// drainLoops sets the waiting count to zero on the normal exits of the
// loops that serve the channel (and on the test that skips such a loop),
// unless the channel is made afresh inside the loop.
func (c *checker) drainLoops(g *graph, f *flow, ch *channel, loops map[*loop]bool, received map[ssa.Value]bool) {
	var ls []*loop
	for l := range loops {
		if l != nil && !l.has(ch.origin.Block()) {
			ls = append(ls, l)
		}
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].header.Index < ls[j].header.Index })
	drain := func(st *state) { st.bal = 0 }
	for _, l := range ls {
		exits := normalExits(g, l, received)
		for _, k := range exits {
			f.addEdge(k, drain)
		}
		for _, k := range preTests(g, l, exits) {
			f.addEdge(k, drain)
		}
	}
}

// unservedCase reports whether case idx of sel can never proceed: it sends
// on or receives from an unbuffered channel made in fn that nothing but fn
// itself ever touches, and fn is blocked in this very select.
func (c *checker) unservedCase(fn *ssa.Function, sel *ssa.Select, idx int) bool {
	mc, ok := root(sel.States[idx].Chan).(*ssa.MakeChan)
	if !ok || mc.Parent() != fn {
		return false
	}
	if k, ok := mc.Size.(*ssa.Const); !ok || k.Value == nil || k.Int64() != 0 {
		return false
	}
	evs, ok := c.events(fn, mc, -1)
	if !ok {
		return false
	}
	for _, e := range evs {
		switch e.kind {
		case evGo, evCall, evDefer, evClose:
			return false
		}
	}
	return true
}

// checkFreshFields treats the channels that a same-package constructor
// makes and returns in fields of a fresh struct (return &T{c: make(chan
// int)}) as made at the call: x := NewT(); go x.run() is then checked like
// a channel made in place.
func (c *checker) checkFreshFields(fn *ssa.Function, call *ssa.Call) {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg != c.ssaPkg || callee == fn {
		return
	}
	fresh := c.freshFields(callee)
	st := structOf(call.Type())
	if st == nil {
		return
	}
	fields := make([]int, 0, len(fresh))
	for f := range fresh {
		fields = append(fields, f)
	}
	sort.Ints(fields)
	for _, f := range fields {
		evs, ok := c.events(fn, call, f)
		if !ok {
			continue
		}
		spawned, ok := c.ctorSpawns(callee, call, f)
		if !ok {
			continue
		}
		c.checkChan(fn, call, fresh[f], st.Field(f).Name(), append(evs, spawned...))
	}
	c.checkFreshCtx(fn, call, callee)
}

// ctorSpawns returns, as goroutine events at the constructor call, the
// goroutines that constructor callee starts on its fresh struct (x :=
// &T{...}; go x.run(); return x), summarised for field f. ok is false when
// one of them lets the channel escape.
func (c *checker) ctorSpawns(callee *ssa.Function, call *ssa.Call, f int) (evs []event, ok bool) {
	for _, g := range c.freshGos[callee] {
		gfn := g.g.Call.StaticCallee()
		sum := c.paramSummary(gfn, g.arg, f)
		if sum.Escapes || len(sum.Spawns) > 0 {
			return nil, false
		}
		if sum.Send.hi > 0 && !c.sendsFirst(gfn, g.arg, f) {
			return nil, false
		}
		evs = append(evs, event{kind: evGo, instr: call, sum: sum, pos: call.Pos()})
	}
	return evs, true
}

// sendsFirst reports whether goroutine function gfn can reach a send on
// field f of its argument arg before it waits for anything: a receive, a
// select, a call of a function of this package (other than one that sends
// on f), a dynamic call or a call into package sync. A long-lived loop
// that sends only in answer to what it receives (case v := <-p.in: p.out
// <- v) sends nothing when the caller never talks to it.
func (c *checker) sendsFirst(gfn *ssa.Function, arg, f int) bool {
	evs, ok := c.events(gfn, gfn.Params[arg], f)
	if !ok {
		return false
	}
	sends := make(map[ssa.Instruction]bool)
	for _, e := range evs {
		if e.kind == evSend || (e.kind == evCall && e.sum.Send.hi > 0) {
			sends[e.instr] = true
		}
	}
	waits := func(instr ssa.Instruction) bool {
		switch x := instr.(type) {
		case *ssa.Select:
			return true
		case *ssa.UnOp:
			return x.Op == token.ARROW
		case ssa.CallInstruction:
			cc := x.Common()
			if _, ok := cc.Value.(*ssa.Builtin); ok {
				return false
			}
			callee := cc.StaticCallee()
			return callee == nil || callee.Pkg == c.ssaPkg ||
				(callee.Pkg != nil && callee.Pkg.Pkg.Path() == "sync")
		}
		return false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{gfn.Blocks[0]}
	seen[gfn.Blocks[0]] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		blocked := false
		for _, instr := range b.Instrs {
			if sends[instr] {
				return true
			}
			if waits(instr) {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// ctorArg returns the argument that constructor call origin passes for
// size, when size is a parameter of the constructor: make(chan T, n) in
// NewT(n) is as large as NewT's caller says.
func ctorArg(origin ssa.Instruction, size ssa.Value) ssa.Value {
	p, ok := size.(*ssa.Parameter)
	call, isCall := origin.(*ssa.Call)
	if !ok || !isCall || call.Call.StaticCallee() != p.Parent() {
		return nil
	}
	for i, fp := range p.Parent().Params {
		if fp == p && i < len(call.Call.Args) {
			return call.Call.Args[i]
		}
	}
	return nil
}

// structOf returns the struct type of t or of what t points to.
func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// freshFields returns the fields of the struct that fn returns, by index,
// that hold a channel fn makes and puts nowhere else, when fn returns only
// that struct (a pointer to one local allocation) and lets it go nowhere else.
func (c *checker) freshFields(fn *ssa.Function) map[int]*ssa.MakeChan {
	if v, ok := c.fresh[fn]; ok {
		return v
	}
	c.fresh[fn] = nil
	if len(fn.Blocks) == 0 || fn.Signature.Results().Len() != 1 || recovers(fn) {
		return nil
	}
	var alloc *ssa.Alloc
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			a, ok := ret.Results[0].(*ssa.Alloc)
			if !ok || (alloc != nil && alloc != a) {
				return nil
			}
			alloc = a
		}
	}
	if alloc == nil {
		return nil
	}
	out := make(map[int]*ssa.MakeChan)
	bad := make(map[int]bool)
	var gos []ctorGoArg
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.Go:
			arg, ok := c.ctorGo(fn, r, alloc)
			if !ok {
				return nil
			}
			gos = append(gos, ctorGoArg{r, arg})
		case *ssa.FieldAddr:
			for _, u := range *r.Referrers() {
				st, ok := u.(*ssa.Store)
				if !ok || st.Addr != r {
					bad[r.Field] = true // the field is read or its address taken
					continue
				}
				mc, ok := st.Val.(*ssa.MakeChan)
				if !ok || out[r.Field] != nil || len(refs(mc)) != 1 {
					bad[r.Field] = true
					continue
				}
				out[r.Field] = mc
			}
		default:
			return nil
		}
	}
	for f := range bad {
		delete(out, f)
	}
	c.fresh[fn] = out
	c.freshGos[fn] = gos
	return out
}

// ctorGo reports whether g, in constructor fn, starts a goroutine on the
// fresh struct alloc that the analysis can follow: a static call of a
// function of this package that gets alloc as one argument and nothing
// else holding it, on every path of fn (its block dominates every return).
func (c *checker) ctorGo(fn *ssa.Function, g *ssa.Go, alloc *ssa.Alloc) (arg int, ok bool) {
	gfn := g.Call.StaticCallee()
	if gfn == nil || g.Call.IsInvoke() || gfn.Pkg != c.ssaPkg || len(gfn.Blocks) == 0 || gfn.Parent() != nil {
		return 0, false
	}
	if _, ok := g.Call.Value.(*ssa.Function); !ok {
		return 0, false
	}
	n := 0
	for i, a := range g.Call.Args {
		if a == alloc {
			arg = i
			n++
		}
	}
	if n != 1 {
		return 0, false
	}
	for _, b := range fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !g.Block().Dominates(b) {
			return 0, false
		}
	}
	return arg, true
}

// A ctorGoArg is a go statement of a constructor and the index of the
// argument that hands it the fresh struct.
type ctorGoArg struct {
	g   *ssa.Go
	arg int
}

// siblingClosed reports whether the creator closes, or may close, another
// channel field of the struct that holds ch: a goroutine that waits in a
// select over the channels of that struct (case <-l.conns: case <-l.done:)
// is released by that close. It also reports true when it cannot tell.
func (c *checker) siblingClosed(ch *channel) bool {
	var holder ssa.Value
	field := -1
	if call, ok := ch.origin.(*ssa.Call); ok && ch.field != "" {
		st := structOf(call.Type())
		for i := 0; st != nil && i < st.NumFields(); i++ {
			if st.Field(i).Name() == ch.field {
				holder, field = call, i
			}
		}
	} else {
		for _, r := range refs(ch.mc) {
			if st, ok := r.(*ssa.Store); ok {
				if fa, ok := st.Addr.(*ssa.FieldAddr); ok {
					if a, ok := fa.X.(*ssa.Alloc); ok {
						holder, field = a, fa.Field
					}
				}
			}
		}
	}
	if holder == nil || ch.mc == nil {
		return true
	}
	st := structOf(holder.Type())
	if st == nil {
		return true
	}
	for i := 0; i < st.NumFields(); i++ {
		if _, isChan := st.Field(i).Type().Underlying().(*types.Chan); !isChan || i == field {
			continue
		}
		var evs []event
		ok := false
		if a, isAlloc := holder.(*ssa.Alloc); isAlloc {
			// A local struct: follow the channel made for field i.
			if mc := fieldMake(a, i); mc != nil {
				evs, ok = c.events(ch.fn, mc, -1)
			}
		} else {
			evs, ok = c.events(ch.fn, holder, i)
		}
		if !ok {
			return true
		}
		for _, e := range evs {
			switch e.kind {
			case evClose:
				return true
			case evCall, evDefer, evGo:
				if e.sum.Close.hi > 0 {
					return true
				}
			}
		}
	}
	return false
}

// fieldMake returns the channel made and stored in field f of local struct
// a, when there is exactly one such store.
func fieldMake(a *ssa.Alloc, f int) *ssa.MakeChan {
	var out *ssa.MakeChan
	for _, r := range *a.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.Field != f {
			continue
		}
		for _, u := range *fa.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == fa {
				mc, ok := st.Val.(*ssa.MakeChan)
				if !ok || out != nil {
					return nil
				}
				out = mc
			}
		}
	}
	return out
}

// Rules are the analyzer's rule names, its diagnostic categories: what
// -goleak.disable and //nolint:goleak/RULE accept.
var Rules = []string{"abandoned-send", "abandoned-receive", "insufficient-buffer", "never-closed-range", "uncancellable-loop", "double-lock", "double-unlock", "missing-unlock", "lock-held-wait", "unsignalled-wait", "premature-wait", "lock-order", "workers-quit-early", "stop-sent-once", "malformed-directive"}
