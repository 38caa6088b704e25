package ctxcancel

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// A tri is what a path knows about a boolean flag.
type tri uint8

const (
	unknown tri = iota
	isTrue
	isFalse
)

func (t tri) not() tri {
	switch t {
	case isTrue:
		return isFalse
	case isFalse:
		return isTrue
	}
	return unknown
}

// A flagKey names a boolean flag that the path search follows: a local
// variable (base nil), or field field of the struct that the variable
// base points to or holds.
type flagKey struct {
	base  *types.Var
	field *types.Var // nil for a local variable
}

// maxFlags bounds the flags followed in one function (two bits each in a
// guardState).
const maxFlags = 16

// A guardState is the value of every followed flag on one path: two bits
// per flag, in the order of guards.flags.
type guardState uint32

func (s guardState) get(i int) tri { return tri(s >> (2 * i) & 3) }

func (s guardState) set(i int, t tri) guardState {
	return s&^(3<<(2*i)) | guardState(t)<<(2*i)
}

// guards are the boolean flags of one function whose value the search for
// a lost cancel follows along each path, so that a branch the flag rules
// out is not taken: a cancel reassigned under if !running, where running
// is set true right after the WithCancel and false right after cancel(),
// is never reached on a path that still holds an uncalled cancel.
//
// A flag is followed only when nothing the path does not show can change
// it (see flagOf): a local bool of the function whose address is not taken
// and that no function literal assigns; or a bool field (not promoted)
// reached from a variable that the function never reassigns, whose address
// is not taken anywhere in the package, and that nothing in the package
// but this function sets to anything but true (a constant true set
// elsewhere, by a method or another goroutine, keeps "true" true; any call
// may set it, so a "false" known on the path is forgotten at a call).
// Nothing in the package may assign its struct as a whole either.
// Assignments on the path of the constants true and false, or of an
// expression of followed flags, set the value; any other assignment
// forgets it. Conditions of if, for and tagless switch cases made of
// flags, !, &&, ||, == and != against constants pick the branch.
type guards struct {
	c     *checker
	flags []flagKey
	index map[flagKey]int
	conds map[ast.Expr]bool // expressions that are the condition of a branch
}

// newGuards collects the flags of u that some branch condition tests and
// that flagOf accepts, and the branch conditions themselves.
func (c *checker) newGuards(u *unit) *guards {
	g := &guards{c: c, index: make(map[flagKey]int), conds: make(map[ast.Expr]bool)}
	var tested []ast.Expr
	inspectBody(u, func(n ast.Node, _ []ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			g.conds[n.Cond] = true
			tested = append(tested, n.Cond)
		case *ast.ForStmt:
			if n.Cond != nil {
				g.conds[n.Cond] = true
				tested = append(tested, n.Cond)
			}
		case *ast.SwitchStmt:
			if n.Tag == nil {
				for _, cl := range n.Body.List {
					for _, e := range cl.(*ast.CaseClause).List {
						g.conds[e] = true
						tested = append(tested, e)
					}
				}
			}
		}
		return true
	})
	for _, e := range tested {
		ast.Inspect(e, func(n ast.Node) bool {
			x, ok := n.(ast.Expr)
			if !ok {
				return true
			}
			k, ok := g.flagOf(u, x)
			if !ok {
				return true
			}
			if _, dup := g.index[k]; !dup && len(g.flags) < maxFlags {
				g.index[k] = len(g.flags)
				g.flags = append(g.flags, k)
			}
			return false
		})
	}
	return g
}

// flagOf returns the flag that e denotes, when e is a bool local variable
// or field that the search can follow in u (see guards), or a local
// variable tested against nil (if ctx != nil), true while it holds a
// value and false while it is nil.
func (g *guards) flagOf(u *unit, e ast.Expr) (flagKey, bool) {
	info := g.c.pass.TypesInfo
	t := info.TypeOf(e)
	if !isBool(t) && !nillable(t) {
		return flagKey{}, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || !within(u.node, v.Pos()) {
			return flagKey{}, false
		}
		k := flagKey{base: v}
		if _, ok := g.index[k]; ok {
			return k, true
		}
		return k, !rangeVar(g.c, u, v) && g.c.localFlag(u, v)
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		base := g.c.varOf(e.X)
		if !isBool(t) || sel == nil || sel.Kind() != types.FieldVal || len(sel.Index()) != 1 || base == nil {
			return flagKey{}, false
		}
		field := sel.Obj().(*types.Var)
		k := flagKey{base: base, field: field}
		if _, ok := g.index[k]; ok {
			return k, true
		}
		return k, !g.c.reassigned(u, base, nil) && !rangeVar(g.c, u, base) && g.c.fieldFlag(u, base, field, deref(sel.Recv()))
	}
	return flagKey{}, false
}

// rangeVar reports whether a range statement of u assigns v: the CFG does
// not show that assignment at each iteration.
func rangeVar(c *checker, u *unit, v *types.Var) bool {
	found := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && (r.Key != nil && c.varOf(r.Key) == v || r.Value != nil && c.varOf(r.Value) == v) {
			found = true
		}
		return !found
	})
	return found
}

// localFlag reports whether the local bool v of u can only change where
// the path shows it: its address is never taken and no function literal
// assigns it.
func (c *checker) localFlag(u *unit, v *types.Var) bool {
	ok := true
	var walk func(n ast.Node, inLit bool)
	walk = func(root ast.Node, inLit bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				if n != root {
					walk(n.Body, true)
					return false
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND && c.varOf(n.X) == v {
					ok = false
				}
			case *ast.AssignStmt:
				if inLit {
					for _, l := range n.Lhs {
						if c.varOf(l) == v {
							ok = false
						}
					}
				}
			}
			return true
		})
	}
	walk(u.body, false)
	return ok
}

// fieldFlag reports whether the bool field of struct type owner, reached
// from base, can only change where the path in u shows it, or to true:
// every assignment of the field in other functions and in function
// literals, or in u through another variable (which may point to the same
// struct), assigns the constant true; its address is never taken; and no
// assignment replaces an owner value as a whole.
func (c *checker) fieldFlag(u *unit, base, field *types.Var, owner types.Type) bool {
	x := c.fieldWrites()
	if x.addr[field] {
		return false
	}
	for _, t := range x.whole {
		if types.Identical(t, owner) {
			return false
		}
	}
	for _, w := range x.writes[field] {
		if !w.setsTrue && (w.fn != u.node || w.base != base) {
			return false
		}
	}
	return true
}

// A fieldIndex is how the package writes the fields of its structs.
type fieldIndex struct {
	writes map[*types.Var][]fieldWrite
	addr   map[*types.Var]bool // fields whose address is taken
	whole  []types.Type        // types of values assigned as a whole (*p = T{})
}

// A fieldWrite is one assignment of a field.
type fieldWrite struct {
	fn       ast.Node   // innermost function declaration or literal
	base     *types.Var // the variable the field is reached from (x of x.f), if any
	setsTrue bool       // the value is the constant true
}

// fieldWrites indexes, once per package, every assignment of a field of
// bool type, every field whose address is taken, and the types of the
// values assigned whole.
func (c *checker) fieldWrites() *fieldIndex {
	if c.fields != nil {
		return c.fields
	}
	info := c.pass.TypesInfo
	x := &fieldIndex{writes: make(map[*types.Var][]fieldWrite), addr: make(map[*types.Var]bool)}
	for _, f := range c.pass.Files {
		ast.PreorderStack(f, nil, func(n ast.Node, stack []ast.Node) bool {
			switch n := n.(type) {
			case *ast.UnaryExpr:
				if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && n.Op == token.AND {
					if field := fieldObj(info, sel); field != nil {
						x.addr[field] = true
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if n.Tok == token.ASSIGN {
						if t := info.TypeOf(l); t != nil {
							if _, ok := t.Underlying().(*types.Struct); ok {
								x.whole = append(x.whole, t)
							}
						}
					}
					sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
					if !ok {
						continue
					}
					field := fieldObj(info, sel)
					if field == nil || !isBool(field.Type()) {
						continue
					}
					w := fieldWrite{fn: innermostFunc(stack), base: c.varOf(sel.X)}
					w.setsTrue = len(n.Rhs) == len(n.Lhs) && constBool(info, n.Rhs[i]) == isTrue
					x.writes[field] = append(x.writes[field], w)
				}
			}
			return true
		})
	}
	c.fields = x
	return x
}

// innermostFunc returns the innermost function declaration or literal of
// stack, or nil.
func innermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return stack[i]
		}
	}
	return nil
}

// fieldObj returns the field that sel selects, or nil.
func fieldObj(info *types.Info, sel *ast.SelectorExpr) *types.Var {
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil
	}
	return s.Obj().(*types.Var)
}

// deref returns the element type of a pointer type, or t.
func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isBool reports whether t is a boolean type.
func isBool(t types.Type) bool {
	b, ok := t.(*types.Basic)
	if !ok && t != nil {
		b, ok = t.Underlying().(*types.Basic)
	}
	return ok && b.Info()&types.IsBoolean != 0
}

// constBool returns the value of e when it is a boolean constant.
func constBool(info *types.Info, e ast.Expr) tri {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return unknown
	}
	if constant.BoolVal(tv.Value) {
		return isTrue
	}
	return isFalse
}

// eval returns what st knows about the boolean expression e.
func (g *guards) eval(e ast.Expr, st guardState) tri {
	if t := constBool(g.c.pass.TypesInfo, e); t != unknown {
		return t
	}
	e = ast.Unparen(e)
	if k, ok := g.key(e); ok {
		return st.get(g.index[k])
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return g.eval(e.X, st).not()
		}
	case *ast.BinaryExpr:
		x, y := g.eval(e.X, st), g.eval(e.Y, st)
		switch e.Op {
		case token.LAND:
			switch {
			case x == isFalse || y == isFalse:
				return isFalse
			case x == isTrue && y == isTrue:
				return isTrue
			}
		case token.LOR:
			switch {
			case x == isTrue || y == isTrue:
				return isTrue
			case x == isFalse && y == isFalse:
				return isFalse
			}
		case token.EQL, token.NEQ:
			if t, ok := g.nilTest(e, st); ok {
				return t
			}
			if !isBool(g.c.pass.TypesInfo.TypeOf(e.X)) || x == unknown || y == unknown {
				return unknown
			}
			if (x == y) == (e.Op == token.EQL) {
				return isTrue
			}
			return isFalse
		}
	}
	return unknown
}

// key returns the followed flag that e denotes.
func (g *guards) key(e ast.Expr) (flagKey, bool) {
	var k flagKey
	switch e := e.(type) {
	case *ast.Ident:
		v, _ := g.c.pass.TypesInfo.Uses[e].(*types.Var)
		k = flagKey{base: v}
	case *ast.SelectorExpr:
		k = flagKey{base: g.c.varOf(e.X), field: fieldObj(g.c.pass.TypesInfo, e)}
		if k.field == nil {
			return flagKey{}, false
		}
	default:
		return flagKey{}, false
	}
	_, ok := g.index[k]
	return k, ok
}

// step returns the state after the CFG node n: assignments of followed
// flags set or forget them, and a call forgets a field flag known false
// (a callee may set it true).
func (g *guards) step(n ast.Node, st guardState) guardState {
	if len(g.flags) == 0 {
		return st
	}
	info := g.c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.AssignStmt:
		vals := make([]tri, len(n.Lhs))
		if len(n.Lhs) == len(n.Rhs) {
			for i, r := range n.Rhs {
				if nillable(info.TypeOf(n.Lhs[i])) {
					vals[i] = g.nonNil(r, st)
				} else {
					vals[i] = g.eval(r, st)
				}
			}
		} else if len(n.Rhs) == 1 {
			// ctx, cancel = context.WithCancel(parent): a derived context
			// is never nil.
			if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
				if row, ok := g.c.derivers.Lookup(g.c.callee(call)); ok && row.Ctx < len(vals) {
					vals[row.Ctx] = isTrue
				}
			}
		}
		for i, l := range n.Lhs {
			var k flagKey
			var ok bool
			if id, isID := l.(*ast.Ident); isID && n.Tok == token.DEFINE && info.Defs[id] != nil {
				v, _ := info.Defs[id].(*types.Var)
				st = g.forgetFields(v, st)
				k = flagKey{base: v}
				_, ok = g.index[k]
			} else {
				k, ok = g.key(ast.Unparen(l))
			}
			if ok {
				st = st.set(g.index[k], vals[i])
			}
		}
	case *ast.ValueSpec:
		for i, id := range n.Names {
			v, _ := info.Defs[id].(*types.Var)
			st = g.forgetFields(v, st)
			k := flagKey{base: v}
			if _, ok := g.index[k]; !ok {
				continue
			}
			t := isFalse // the zero value: false, or nil
			if len(n.Values) == len(n.Names) {
				if nillable(v.Type()) {
					t = g.nonNil(n.Values[i], st)
				} else {
					t = g.eval(n.Values[i], st)
				}
			} else if len(n.Values) > 0 {
				t = unknown
			}
			st = st.set(g.index[k], t)
		}
	}
	calls := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if tv, ok := info.Types[call.Fun]; !ok || !(tv.IsType() || tv.IsBuiltin()) {
				calls = true
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !calls && !lit
	})
	if calls {
		for i, k := range g.flags {
			if k.field != nil && st.get(i) == isFalse {
				st = st.set(i, unknown)
			}
		}
	}
	return st
}

// forgetFields forgets the field flags reached from base, which is being
// declared anew (a variable of a loop body holds a new value at each
// iteration).
func (g *guards) forgetFields(base *types.Var, st guardState) guardState {
	for i, k := range g.flags {
		if k.base == base && k.field != nil {
			st = st.set(i, unknown)
		}
	}
	return st
}

// succs returns the successors of b that a path in state st can take:
// both, or only the one that the value of b's condition selects.
func (g *guards) succs(b *cfg.Block, st guardState) []*cfg.Block {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 || len(g.flags) == 0 {
		return b.Succs
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok || !g.conds[cond] {
		return b.Succs
	}
	switch g.eval(cond, st) {
	case isTrue:
		return b.Succs[:1]
	case isFalse:
		return b.Succs[1:]
	}
	return b.Succs
}

// noGuards follows no flag: every branch may be taken.
var noGuards = &guards{}

// nillable reports whether t is a type whose values can be nil, other
// than an unsafe pointer.
func nillable(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Map, *types.Chan, *types.Signature, *types.Slice:
		return true
	}
	return false
}

// nilTest evaluates e, a comparison of a followed nil flag with nil.
func (g *guards) nilTest(e *ast.BinaryExpr, st guardState) (tri, bool) {
	info := g.c.pass.TypesInfo
	x, y := ast.Unparen(e.X), ast.Unparen(e.Y)
	if tv, ok := info.Types[x]; ok && tv.IsNil() {
		x, y = y, x
	}
	if tv, ok := info.Types[y]; !ok || !tv.IsNil() {
		return unknown, false
	}
	k, ok := g.key(x)
	if !ok || isBool(info.TypeOf(x)) {
		return unknown, false
	}
	t := st.get(g.index[k])
	if e.Op == token.EQL {
		t = t.not()
	}
	return t, true
}

// nonNil returns what st knows about whether the value of e is not nil:
// nil is false; an address, a composite literal, make and new are true; a
// followed variable has its own value.
func (g *guards) nonNil(e ast.Expr, st guardState) tri {
	info := g.c.pass.TypesInfo
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.IsNil() {
		return isFalse
	}
	if k, ok := g.key(e); ok {
		return st.get(g.index[k])
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return isTrue
		}
	case *ast.CompositeLit, *ast.FuncLit:
		return isTrue
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "make" || b.Name() == "new") {
				return isTrue
			}
		}
	}
	return unknown
}
