package goleak

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// fileOf returns the syntax of the pass's file holding pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// pathAt returns the syntax nodes enclosing pos, innermost first.
func (c *checker) pathAt(pos token.Pos) []ast.Node {
	f := c.fileOf(pos)
	if f == nil || !pos.IsValid() {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	return path
}

// makeCall finds the make call of mc, the statement holding it and the name
// of the variable it initialises.
func (c *checker) makeCall(mc *ssa.MakeChan) (call *ast.CallExpr, stmt *ast.AssignStmt, name string) {
	call, stmt, name = c.makeCallAt(mc)
	return call, stmt, name
}

// chanName names the channel of ch for messages, and returns its make call
// and, when the channel is made in place by `x := make(...)`, that statement.
func (c *checker) chanName(ch *channel) (*ast.CallExpr, *ast.AssignStmt, string) {
	var call *ast.CallExpr
	var stmt *ast.AssignStmt
	var name string
	if ch.mc != nil {
		call, stmt, name = c.makeCall(ch.mc)
	}
	if ch.sizeArg {
		call = nil // the size comes from the caller: no edit of the make
	}
	if ch.label != "" {
		return nil, nil, ch.label
	}
	if ch.field == "" {
		return call, stmt, name
	}
	// Made by a constructor: name it after the variable the caller keeps.
	name = ch.field
	for _, n := range c.pathAt(ch.origin.Pos()) {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			name = types.ExprString(as.Lhs[0]) + "." + ch.field
			break
		}
	}
	return call, nil, name
}

func (c *checker) makeCallAt(mc *ssa.MakeChan) (call *ast.CallExpr, stmt *ast.AssignStmt, name string) {
	path := c.pathAt(mc.Pos())
	for i, n := range path {
		ce, ok := n.(*ast.CallExpr)
		if !ok || ce.Lparen != mc.Pos() {
			continue
		}
		call = ce
		if i+1 < len(path) {
			switch p := path[i+1].(type) {
			case *ast.AssignStmt:
				for j, r := range p.Rhs {
					if r == ce && j < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
						name = types.ExprString(p.Lhs[j])
						if _, ok := p.Lhs[j].(*ast.Ident); ok {
							stmt = p
						}
					}
				}
			case *ast.ValueSpec:
				for j, r := range p.Values {
					if r == ce && j < len(p.Names) {
						name = p.Names[j].Name
					}
				}
			case *ast.KeyValueExpr: // T{done: make(chan struct{})}
				if key, ok := p.Key.(*ast.Ident); ok {
					name = key.Name
					j := i + 3 // the assignment, after the composite literal and an optional &
					if j < len(path) {
						if u, ok := path[j].(*ast.UnaryExpr); ok && u.Op == token.AND {
							j++
						}
					}
					if j < len(path) {
						if as, ok := path[j].(*ast.AssignStmt); ok && len(as.Lhs) == 1 && path[j-1] == as.Rhs[0] {
							name = types.ExprString(as.Lhs[0]) + "." + key.Name
						}
					}
				}
			}
		}
		break
	}
	if name == "" {
		name = fmt.Sprintf("the channel made at line %d", c.line(mc.Pos()))
	}
	return call, stmt, name
}

// caseText describes case k of sel as written, e.g. "case <-ctx.Done()".
func (c *checker) caseText(sel *ssa.Select, k int) string {
	if k < 0 || k >= len(sel.States) {
		return "another case"
	}
	pos := sel.States[k].Pos
	for _, n := range c.pathAt(pos) {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.OpPos == pos {
				return "case <-" + types.ExprString(n.X)
			}
		case *ast.SendStmt:
			if n.Arrow == pos {
				return "case " + types.ExprString(n.Chan) + " <- ..."
			}
		}
	}
	return "another case"
}

// opPos is where to report a goroutine's blocking operation. A goroutine
// that runs a function literal is reported at the operation, which the
// creator wrote inline. A goroutine that runs a named function
// (go producer(ch, n)) is reported at the creator's go statement: the
// function is correct on its own (and may live in another package); it is
// the creator that abandons it. The operation is then a related position.
func (c *checker) opPos(pos token.Pos, e *event) token.Pos {
	if pos.IsValid() && c.fileOf(pos) != nil && !namedGoroutine(e) {
		return pos
	}
	return e.pos
}

// namedGoroutine reports whether the go statement of e runs a declared
// function or method rather than a function literal.
func namedGoroutine(e *event) bool {
	g, ok := e.instr.(*ssa.Go)
	if !ok {
		return false
	}
	if g.Call.IsInvoke() {
		return true
	}
	switch v := g.Call.Value.(type) {
	case *ssa.Function:
		return v.Parent() == nil
	case *ssa.MakeClosure:
		return v.Fn.(*ssa.Function).Parent() == nil // a bound method value
	}
	return false
}

// reportGoroutine reports d, a finding about the goroutine of e. A named
// goroutine gets one finding at its go statement, however many channels it
// blocks on: the first finding stands, and the later ones add their related
// positions and their fix edits to it (so that the one fix unblocks every
// channel). Those are reported by flushGoroutines.
//
// A function literal's goroutine is reported at its first blocking
// operation, and its other ones join that finding the same way, each
// with its own position as a related one: the goroutine leaks once, on
// whichever channel it reaches.
func (c *checker) reportGoroutine(e *event, d analysis.Diagnostic) {
	key := d.Pos
	_, isGo := e.instr.(*ssa.Go)
	if !namedGoroutine(e) {
		if !isGo {
			c.report.Report(d)
			return
		}
		key = e.pos
	}
	if c.pendingGo == nil {
		c.pendingGo = make(map[token.Pos]*analysis.Diagnostic)
	}
	first, ok := c.pendingGo[key]
	if !ok {
		c.pendingGo[key] = &d
		c.pendingOrder = append(c.pendingOrder, key)
		return
	}
	if d.Pos != first.Pos {
		what, _, _ := strings.Cut(d.Message, ": ")
		first.Related = append(first.Related, analysis.RelatedInformation{Pos: d.Pos, End: d.End, Message: "or here instead: " + what})
	}
	for _, r := range d.Related[1:] { // the go statement is already there
		if !slices.ContainsFunc(first.Related, func(o analysis.RelatedInformation) bool { return o.Pos == r.Pos && o.Message == r.Message }) {
			first.Related = append(first.Related, r)
		}
	}
	switch {
	case len(first.SuggestedFixes) == 1 && len(d.SuggestedFixes) == 1:
		first.SuggestedFixes[0].TextEdits = append(first.SuggestedFixes[0].TextEdits, d.SuggestedFixes[0].TextEdits...)
		first.SuggestedFixes[0].Message += "; " + d.SuggestedFixes[0].Message
	case len(d.SuggestedFixes) > 0 || len(first.SuggestedFixes) > 0:
		first.SuggestedFixes = nil // a partial fix would leave the goroutine blocked
	}
}

// flushGoroutines reports the findings that reportGoroutine held back, in
// the order they were first found.
func (c *checker) flushGoroutines() {
	for _, pos := range c.pendingOrder {
		c.report.Report(*c.pendingGo[pos])
	}
	c.pendingGo, c.pendingOrder = nil, nil
}

// blockingRelated is the related position of a named goroutine's blocking
// operation, when it is in this package.
func (c *checker) blockingRelated(pos token.Pos, e *event, what string) []analysis.RelatedInformation {
	if !namedGoroutine(e) || !pos.IsValid() || c.fileOf(pos) == nil {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: pos, Message: what}}
}

func (c *checker) reportSend(ch *channel, ret *ssa.Return, st state, need int) {
	call, _, name := c.chanName(ch)
	cat := "abandoned-send"
	if ch.buf > 0 {
		cat = "insufficient-buffer"
	}
	if st.bal >= many && !c.graphOf(ch.fn).inLoop(st.goEv.instr.Block()) {
		need = many // one goroutine sending in a loop: no buffer size fixes it
	}
	g := c.graphOf(ch.fn)
	inLoop := g.inLoop(st.goEv.instr.Block())
	when := ""
	if st.sel != nil {
		when = fmt.Sprintf(" when the select at line %d takes %s", c.line(st.sel.Pos()), c.caseText(st.sel, st.selCase))
	}
	// Each goroutine sends in a loop of its own: no buffer size is enough.
	eachLoops := st.goEv.sum != nil && st.goEv.sum.Send.hi >= many
	size := ""
	switch {
	case eachLoops:
	case need < many:
		size = fmt.Sprint(need)
	case len(ch.gos) == 1 && inLoop:
		size = c.loopCount(ch.gos[0].pos, call)
	}
	fix := fmt.Sprintf("make %s buffered for every sender", name)
	switch {
	case eachLoops:
		fix = fmt.Sprintf("each goroutine sends in a loop, so no buffer is enough: let it select on a done channel that the function closes (or on ctx.Done()) as it sends to %s", name)
	case size != "" && call != nil:
		fix = fmt.Sprintf("make %s buffered for every sender, make(%s, %s)", name, typeText(c, call), size)
	}
	retLine := c.line(retPos(ret))
	var msg string
	switch {
	case ch.buf > 0:
		msg = fmt.Sprintf("%d sends to %s do not fit its buffer of %d%s once the function returns at line %d: %s",
			st.bal, name, ch.buf, when, retLine, fix)
	case st.bal >= many && inLoop:
		msg = fmt.Sprintf("goroutines started in a loop block forever on send to %s%s once the function returns at line %d without receiving from all of them: %s",
			name, when, retLine, fix)
	case st.bal >= many:
		msg = fmt.Sprintf("goroutine blocks forever on send to %s%s once the function returns at line %d while it still sends: "+
			"keep receiving until %s is closed, or let the goroutine select on a done channel that the function closes",
			name, when, retLine, name)
	case st.bal == 1:
		msg = fmt.Sprintf("goroutine blocks forever on send to %s%s once the function returns at line %d without receiving: %s",
			name, when, retLine, fix)
	default:
		msg = fmt.Sprintf("%d sends to %s by goroutines are never received%s once the function returns at line %d: %s",
			st.bal, name, when, retLine, fix)
	}
	d := analysis.Diagnostic{
		Pos:      c.opPos(st.goEv.sum.SendPos, st.goEv),
		Category: cat,
		Message:  msg,
		Related: []analysis.RelatedInformation{
			{Pos: st.goEv.pos, Message: "goroutine started here"},
			{Pos: retPos(ret), Message: "returns here without receiving from " + name},
		},
	}
	d.Related = append(d.Related, c.blockingRelated(st.goEv.sum.SendPos, st.goEv, "the goroutine blocks on this send")...)
	if st.sel != nil && st.selCase < len(st.sel.States) {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: st.sel.States[st.selCase].Pos, Message: "this case leaves the send unreceived"})
	}
	if size != "" && call != nil {
		if edit, ok := bufferEdit(call, size); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("make %s buffered with room for every send", name),
				TextEdits: []analysis.TextEdit{edit},
			}}
		}
	}
	c.reportGoroutine(st.goEv, d)
}

// typeText is the channel type as written in the make call.
func typeText(c *checker, call *ast.CallExpr) string {
	if len(call.Args) == 0 {
		return "chan T"
	}
	return types.ExprString(call.Args[0])
}

// bufferEdit sets the size argument of make call to size.
func bufferEdit(call *ast.CallExpr, size string) (analysis.TextEdit, bool) {
	switch len(call.Args) {
	case 1:
		return analysis.TextEdit{Pos: call.Args[0].End(), End: call.Args[0].End(), NewText: []byte(", " + size)}, true
	case 2:
		return analysis.TextEdit{Pos: call.Args[1].Pos(), End: call.Args[1].End(), NewText: []byte(size)}, true
	}
	return analysis.TextEdit{}, false
}

// loopCount returns the number of iterations of the one loop around the go
// statement at pos, as an expression valid where the channel is made:
// len(x) for a range over a slice, array, map or string x, n for a range
// over an integer n or `for i := 0; i < n; i++`. It returns "" when the
// count cannot be written.
func (c *checker) loopCount(pos token.Pos, call *ast.CallExpr) string {
	if call == nil {
		return ""
	}
	loop := c.enclosingLoop(pos)
	var expr ast.Expr
	lenOf := false
	switch l := loop.(type) {
	case *ast.RangeStmt:
		expr = l.X
		switch c.pass.TypesInfo.TypeOf(l.X).Underlying().(type) {
		case *types.Basic:
			if b := c.pass.TypesInfo.TypeOf(l.X).Underlying().(*types.Basic); b.Info()&types.IsInteger == 0 {
				lenOf = true
			}
		case *types.Slice, *types.Array, *types.Map:
			lenOf = true
		default:
			return ""
		}
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		cond, ok2 := l.Cond.(*ast.BinaryExpr)
		if !ok || !ok2 || len(init.Rhs) != 1 || cond.Op != token.LSS {
			return ""
		}
		if lit, ok := init.Rhs[0].(*ast.BasicLit); !ok || lit.Value != "0" {
			return ""
		}
		expr = cond.Y
	default:
		return ""
	}
	if !c.declaredBefore(expr, call.Pos()) {
		return ""
	}
	if lenOf {
		return "len(" + types.ExprString(expr) + ")"
	}
	return types.ExprString(expr)
}

// declaredBefore reports whether e is a side-effect-free expression
// (identifiers, selectors, constants) whose variables are declared before pos.
func (c *checker) declaredBefore(e ast.Expr, pos token.Pos) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		obj := c.pass.TypesInfo.ObjectOf(e)
		if obj == nil {
			return false
		}
		if _, isVar := obj.(*types.Var); isVar && obj.Parent() != obj.Pkg().Scope() {
			return obj.Pos() < pos
		}
		return true
	case *ast.SelectorExpr:
		if sel := c.pass.TypesInfo.Selections[e]; sel == nil || sel.Kind() == types.FieldVal {
			return c.declaredBefore(e.X, pos)
		}
		return false
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "len" && len(e.Args) == 1 {
			if _, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Builtin); ok {
				return c.declaredBefore(e.Args[0], pos)
			}
		}
	}
	return false
}

func (c *checker) reportRecv(ch *channel, ret *ssa.Return, st state) {
	_, stmt, name := c.chanName(ch)
	cat := "abandoned-receive"
	var msg string
	when := ""
	if st.sel != nil {
		when = fmt.Sprintf(" when the select at line %d takes %s", c.line(st.sel.Pos()), c.caseText(st.sel, st.selCase))
	}
	if st.goEv.sum.Range && !ch.closes {
		cat = "never-closed-range"
		msg = fmt.Sprintf("goroutine ranges over %s, which is never closed: the loop never ends once the function returns at line %d; close %s after the last send (defer close(%s))",
			name, c.line(retPos(ret)), name, name)
	} else {
		what := "goroutine blocks forever on receive from " + name
		if st.goEv.sum.Range {
			what = "goroutine ranging over " + name + " never ends"
		}
		msg = fmt.Sprintf("%s%s once the function returns at line %d without sending on or closing it: close it on every path, defer close(%s)",
			what, when, c.line(retPos(ret)), name)
		if strings.Contains(name, ".") {
			msg = fmt.Sprintf("%s%s once the function returns at line %d without sending on or closing it: close %s on every path (defer the call that closes it)",
				what, when, c.line(retPos(ret)), name)
		}
		if st.goEv.sum.RecvLoop {
			msg = fmt.Sprintf("%s%s once the function returns at line %d: closing it would not stop the loop; range over %s and close it, or let the goroutine select on a done channel",
				what, when, c.line(retPos(ret)), name)
		}
		if ch.cancel != "" {
			what, cancel := name+".Done()", strings.TrimSuffix(name, ch.field)+ch.cancel
			if call, ok := ch.origin.(*ssa.Call); ok && !strings.Contains(name, ".") {
				// The constructor's result is not kept in a variable.
				what = fmt.Sprintf("%s.Done() of the struct that %s returns", name, types.ExprString(c.callFun(call)))
				cancel = "its " + ch.cancel
			}
			if ch.label != "" {
				what, cancel = ch.label, ch.cancel
			}
			msg = fmt.Sprintf("goroutine waits forever on %s%s once the function returns at line %d without calling %s: "+
				"the context has no other parent than context.Background(); cancel it on every path (defer the call that calls %s)",
				what, when, c.line(retPos(ret)), cancel, cancel)
		}
	}
	d := analysis.Diagnostic{
		Pos:      c.opPos(st.goEv.sum.RecvPos, st.goEv),
		Category: cat,
		Message:  msg,
		Related: []analysis.RelatedInformation{
			{Pos: st.goEv.pos, Message: "goroutine started here"},
			{Pos: retPos(ret), Message: "returns here without closing " + name},
		},
	}
	d.Related = append(d.Related, c.blockingRelated(st.goEv.sum.RecvPos, st.goEv, "the goroutine blocks on this receive")...)
	if ch.cancel != "" {
		d.Related[1].Message = "returns here without cancelling the context"
	}
	for _, e := range ch.evs {
		if e.kind == evClose && ch.cancel == "" {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.pos, Message: "closes " + name + " here, on other paths"})
		}
	}
	if st.sel != nil && st.selCase < len(st.sel.States) {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: st.sel.States[st.selCase].Pos, Message: "this case leaves the receive waiting"})
	}
	if fix, ok := c.deferCloseFix(ch, stmt, name); ok && !st.goEv.sum.RecvLoop {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.reportGoroutine(st.goEv, d)
}

// deferCloseFix inserts `defer close(name)` after the statement that makes
// the channel and deletes the creator's own close statements. It gives up
// when the creator closes the channel in any other way.
func (c *checker) deferCloseFix(ch *channel, stmt *ast.AssignStmt, name string) (analysis.SuggestedFix, bool) {
	if stmt == nil || strings.ContainsAny(name, " .") {
		return analysis.SuggestedFix{}, false
	}
	tf, src, indent, ok := c.lineIndent(stmt.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edits := []analysis.TextEdit{{Pos: stmt.End(), End: stmt.End(), NewText: []byte("\n" + indent + "defer close(" + name + ")")}}
	for _, e := range ch.evs {
		switch e.kind {
		case evClose:
			es := c.closeStmt(e.pos)
			if es == nil {
				return analysis.SuggestedFix{}, false
			}
			start := tf.LineStart(tf.Line(es.Pos()))
			end := es.End()
			if l := tf.Line(es.End()); l < tf.LineCount() {
				end = tf.LineStart(l + 1)
			}
			if strings.TrimSpace(string(src[tf.Offset(start):tf.Offset(es.Pos())])) != "" || !c.lastBeforeReturn(es) {
				return analysis.SuggestedFix{}, false
			}
			edits = append(edits, analysis.TextEdit{Pos: start, End: end})
		case evCall:
			if e.sum.Close.hi > 0 {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	return analysis.SuggestedFix{Message: "close " + name + " on every return with defer", TextEdits: edits}, true
}

// lastBeforeReturn reports whether statement s is followed by a return
// statement or ends the body of its function: moving it to a defer does
// not put it after anything that waits.
func (c *checker) lastBeforeReturn(s ast.Stmt) bool {
	path := c.pathAt(s.Pos())
	for i, n := range path {
		blk, ok := n.(*ast.BlockStmt)
		if !ok || i == 0 {
			continue
		}
		for j, t := range blk.List {
			if t != s {
				continue
			}
			if j+1 < len(blk.List) {
				_, isRet := blk.List[j+1].(*ast.ReturnStmt)
				return isRet
			}
			if i+1 < len(path) {
				switch path[i+1].(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					return true
				}
			}
			return false
		}
	}
	return false
}

// closeStmt finds the statement `close(ch)` whose call is at pos.
func (c *checker) closeStmt(pos token.Pos) *ast.ExprStmt {
	path := c.pathAt(pos)
	for i, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == pos && i+1 < len(path) {
			es, _ := path[i+1].(*ast.ExprStmt)
			return es
		}
	}
	return nil
}

// lineIndent returns the file and source holding pos and the blanks that
// indent its line, when pos is the first thing on that line.
func (c *checker) lineIndent(pos token.Pos) (tf *token.File, src []byte, indent string, ok bool) {
	tf = c.pass.Fset.File(pos)
	if tf == nil {
		return nil, nil, "", false
	}
	src, err := c.readFile(tf.Name())
	if err != nil {
		return nil, nil, "", false
	}
	indent = string(src[tf.Offset(tf.LineStart(tf.Line(pos))):tf.Offset(pos)])
	return tf, src, indent, strings.TrimSpace(indent) == ""
}

func (c *checker) readFile(name string) ([]byte, error) {
	if c.pass.ReadFile != nil {
		return c.pass.ReadFile(name)
	}
	return nil, fmt.Errorf("no ReadFile")
}

// enclosingLoop returns the one loop statement around pos inside its
// function, or nil when there is none or more than one.
func (c *checker) enclosingLoop(pos token.Pos) ast.Node {
	var loop ast.Node
	for _, n := range c.pathAt(pos) {
		switch n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return loop
		case *ast.RangeStmt, *ast.ForStmt:
			if loop != nil {
				return nil // nested loops
			}
			loop = n
		}
	}
	return loop
}

// constTrips returns the constant number of iterations of loop
// (for i := 0; i < K; i++ or for range K with a constant K), or 0.
func (c *checker) constTrips(loop ast.Node) int {
	var k ast.Expr
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if n := c.literalLen(l.X); n > 0 {
			return n
		}
		k = l.X
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		cond, ok2 := l.Cond.(*ast.BinaryExpr)
		inc, ok3 := l.Post.(*ast.IncDecStmt)
		if !ok || !ok2 || !ok3 || inc.Tok != token.INC || len(init.Rhs) != 1 || cond.Op != token.LSS {
			return 0
		}
		if lit, ok := init.Rhs[0].(*ast.BasicLit); !ok || lit.Value != "0" {
			return 0
		}
		k = cond.Y
	default:
		return 0
	}
	tv, ok := c.pass.TypesInfo.Types[k]
	if !ok || tv.Value == nil {
		return 0
	}
	if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok && n > 0 && n < 1<<20 {
		return int(n)
	}
	return 0
}

// literalLen returns the number of elements that a range over x visits
// when it is fixed by the program text: a value of array type (or a
// pointer to one), or a slice, array or map literal written out (an
// array or slice literal without keys: with keys its length is the largest
// index plus one). It returns 0 when the count is not fixed.
func (c *checker) literalLen(x ast.Expr) int {
	t := c.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return 0
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if a, ok := t.Underlying().(*types.Array); ok {
		if a.Len() > 0 && a.Len() < 1<<20 {
			return int(a.Len())
		}
		return 0
	}
	lit, ok := ast.Unparen(x).(*ast.CompositeLit)
	if !ok {
		return 0
	}
	if _, isMap := t.Underlying().(*types.Map); !isMap {
		for _, e := range lit.Elts {
			if _, keyed := e.(*ast.KeyValueExpr); keyed {
				return 0
			}
		}
	}
	return len(lit.Elts)
}
