package metricname

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// Exposure: what a client_golang definition becomes in the running
// program. A collector is exposed when it can reach a registry that is
// gathered: promauto's constructors (the default registerer),
// promauto.With(r) with r not nil, a collector passed to (Must)Register, or
// one that escapes where this analysis does not follow it (a field, an
// argument, a return, an exported variable). A collector built with
// promauto.With(nil), or kept in a local or unexported variable that is
// only ever used as the receiver of its own methods, is never registered: a
// stub, which no /metrics page shows, so no rule applies to it.
//
// Registries: two definitions of one name clash only when both can be
// registered on the same registry in one process. A definition's registries
// are "default" (promauto's functions, or prometheus.MustRegister and
// Register anywhere in the package for a package-level definition) or the
// registerer value it is registered on inside one function (that function
// and the registerer's expression). A prometheus.New* collector is
// registered only where a registration says so: one at package level that
// the package never registers (its values copied into other metrics, say),
// and one inside a function that is registered nowhere in that function,
// have no known registry and clash with nothing.

// defaultRegistry is the key of prometheus.DefaultRegisterer.
const defaultRegistry = "default"

// exposure sets stub and registries of the client_golang definitions.
func (c *checker) exposure(ins *inspector.Inspector, defs []*definition) {
	regs := apis.NewMatcher(apis.Registrations)
	// The object each definition is stored into directly, and the
	// definitions stored into each object.
	into := make(map[types.Object][]*definition)
	var vmCounters []*definition
	for _, d := range defs {
		if d.ctor.Lib == apis.VictoriaMetrics && d.ctor.Kind == apis.Counter {
			if d.stored = c.storedInto(d); d.stored != nil {
				into[d.stored] = append(into[d.stored], d)
				vmCounters = append(vmCounters, d)
			}
			continue
		}
		if d.ctor.Lib != apis.Prometheus || d.ctor.Kind == apis.KindUnknown {
			continue
		}
		d.registries = make(map[string]bool)
		if d.stored = c.storedInto(d); d.stored != nil {
			into[d.stored] = append(into[d.stored], d)
		}
		switch {
		case d.ctor.Default:
			d.registries[defaultRegistry] = true
		case d.fn.Pkg().Path() == apis.PromautoPkg:
			switch reg := c.factoryRegisterer(d); reg {
			case "":
				d.stub = true
			default:
				d.registries[reg] = true
			}
		}
	}
	// Registrations: what each registers, on which registry.
	byCall := make(map[*ast.CallExpr]*definition, len(defs))
	for _, d := range defs {
		byCall[d.call] = d
	}
	deletes := apis.NewMatcher(apis.VecDeletes)
	deleters := c.deleters(ins, deletes)
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		callee := apis.Callee(c.pass.TypesInfo, call)
		if i, ok := deletes.Lookup(callee); ok {
			c.deletion(call, i, byCall, into)
			continue
		}
		for _, a := range c.deletedArgs(call, deletes, deleters) {
			if a.method == "" {
				c.manage(a.arg, []string{""}, byCall, into)
			}
		}
		r, ok := regs.Lookup(callee)
		if !ok {
			continue
		}
		encl := enclosingDecl(cur)
		key := defaultRegistry
		if !r.Default {
			sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			key = c.registryKey(sel.X, encl)
		}
		if key == "" {
			continue
		}
		for _, a := range call.Args[min(r.Arg, len(call.Args)):] {
			for _, d := range c.collectorDefs(a, byCall, into) {
				if d.registries != nil && (d.encl == encl || d.encl == nil) {
					d.registries[key] = true
				}
			}
		}
	}
	// Stubs: a prometheus.New* definition whose value never leaves the
	// receiver position of its own method calls.
	uses := c.objectUses(ins, into, regs)
	for _, d := range defs {
		if d.registries == nil || d.stub || d.fn.Pkg().Path() != apis.PrometheusPkg {
			continue
		}
		if d.directReceiver {
			d.stub = true
			continue
		}
		if d.stored == nil || !c.private(d.stored) {
			continue
		}
		if u, ok := uses[d.stored]; ok && !u.escapes {
			d.stub = true
		}
	}
	for _, d := range defs {
		if d.registries != nil && !d.stub {
			d.asCounter = c.counterUse(d, uses)
		}
	}
	// A VictoriaMetrics/metrics counter that is decremented or set goes
	// down: it is used as a gauge (a count in flight, a timestamp), which
	// that library allows, so the counter naming rules do not apply.
	for _, d := range vmCounters {
		if u := uses[d.stored]; u != nil && (u.methods["Dec"] || u.methods["Set"]) {
			d.asGauge = true
		}
	}
}

// enclosingDecl returns the function declaration around cur, or nil at
// package level.
func enclosingDecl(cur inspector.Cursor) *ast.FuncDecl {
	for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return e.Node().(*ast.FuncDecl)
	}
	return nil
}

// storedInto returns the variable or field d's result is stored into
// directly (x := New…, x = New…, var x = New…, s.f = New…, T{f: New…}),
// or nil. It also notes a definition used directly as a method receiver.
func (c *checker) storedInto(d *definition) types.Object {
	info := c.pass.TypesInfo
	parent := d.parent
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		d.directReceiver = p.X == ast.Expr(d.call) && !publishes(p.Sel.Name)
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return nil
		}
		for i, r := range p.Rhs {
			if r == ast.Expr(d.call) {
				return lhsObject(info, p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == ast.Expr(d.call) && i < len(p.Names) {
				return info.Defs[p.Names[i]]
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok && p.Value == ast.Expr(d.call) {
			if f, ok := info.Uses[id].(*types.Var); ok && f.IsField() {
				return f
			}
		}
	}
	return nil
}

// publishes reports whether a method hands the collector to a registry or
// another collector (Describe and Collect are how a wrapping collector
// exposes it).
func publishes(method string) bool { return method == "Describe" || method == "Collect" }

// lhsObject returns the variable or field an assignment target denotes.
func lhsObject(info *types.Info, e ast.Expr) types.Object {
	switch x := apis.Unparen(e).(type) {
	case *ast.Ident:
		if o := info.Defs[x]; o != nil {
			return o
		}
		return info.Uses[x]
	case *ast.SelectorExpr:
		if s, ok := info.Selections[x]; ok && s.Kind() == types.FieldVal {
			return s.Obj()
		}
		return info.Uses[x.Sel] // a qualified package variable
	}
	return nil
}

// private reports whether o is a local variable, or an unexported
// package-level variable of this package: every use of it is in the
// package's files.
func (c *checker) private(o types.Object) bool {
	v, ok := o.(*types.Var)
	if !ok || v.IsField() || v.Pkg() != c.pass.Pkg {
		return false
	}
	return v.Parent() != c.pass.Pkg.Scope() || !v.Exported()
}

// A useInfo says how the package uses a variable or field that
// definitions are stored into.
type useInfo struct {
	escapes bool            // a use other than the receiver of its own methods
	other   bool            // a use other than those and registration
	methods map[string]bool // the methods called on it
	add     bool            // Add is called with a value that may be negative
	first   token.Pos       // the first method call, for messages
}

// objectUses reports, for each object that definitions are stored into,
// how it is used: whether any use lets the collector escape (anything but
// the receiver of one of its own methods: a registration argument, a
// return, a store, an argument, a closure result, Describe or Collect),
// and which methods are called on it.
func (c *checker) objectUses(ins *inspector.Inspector, into map[types.Object][]*definition, regs *apis.Matcher[apis.Registration]) map[types.Object]*useInfo {
	uses := make(map[types.Object]*useInfo, len(into))
	for cur := range ins.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		o := c.pass.TypesInfo.Uses[id]
		if o == nil {
			continue
		}
		if _, ok := into[o]; !ok {
			continue
		}
		u := uses[o]
		if u == nil {
			u = &useInfo{methods: make(map[string]bool)}
			uses[o] = u
		}
		// The use is the identifier, or the field selector it ends.
		useCur := cur
		var use ast.Expr = id
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			useCur, use = cur.Parent(), sel
		}
		parentCur := useCur.Parent()
		parent := parentCur.Node()
		if a, ok := parent.(*ast.AssignStmt); ok && isLhs(a, use) {
			continue // the store itself
		}
		if kv, ok := parent.(*ast.KeyValueExpr); ok && kv.Key == use {
			continue // T{f: New…}: the store itself
		}
		if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == use {
			// x.M(): a method call on the collector.
			if call, isCall := parentCur.Parent().Node().(*ast.CallExpr); isCall && call.Fun == ast.Expr(sel) && !publishes(sel.Sel.Name) {
				if m, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && m.Signature().Recv() != nil {
					u.methods[sel.Sel.Name] = true
					if !u.first.IsValid() {
						u.first = call.Pos()
					}
					if sel.Sel.Name == "Add" && !nonNegative(c.pass.TypesInfo, call) {
						u.add = true
					}
					continue
				}
			}
		}
		u.escapes = true
		if call, ok := parent.(*ast.CallExpr); ok {
			if _, isReg := regs.Lookup(apis.Callee(c.pass.TypesInfo, call)); isReg {
				continue
			}
		}
		u.other = true
	}
	return uses
}

// nonNegative reports whether the argument of an Add call is a constant
// that is not negative.
func nonNegative(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	tv, ok := info.Types[call.Args[0]]
	return ok && tv.Value != nil && constant.Sign(tv.Value) >= 0
}

// counterUse says why a gauge definition is a counter built with the wrong
// constructor, or "": it is kept in a prometheus.Counter-typed variable or
// field, or its only uses are Inc and Add of non-negative constants (and
// registration).
func (c *checker) counterUse(d *definition, uses map[types.Object]*useInfo) string {
	if d.ctor.Kind != apis.Gauge || d.stored == nil || d.isVec() {
		return ""
	}
	if isPromNamed(d.stored.Type(), "Counter") {
		return fmt.Sprintf("it is kept in %s, a prometheus.Counter", d.stored.Name())
	}
	u := uses[d.stored]
	if u == nil || u.other || u.add || len(u.methods) == 0 || !c.private(d.stored) && !isUnexportedField(d.stored) {
		return ""
	}
	for m := range u.methods {
		if m != "Inc" && m != "Add" {
			return ""
		}
	}
	return fmt.Sprintf("it is only ever incremented (line %d)", c.pass.Fset.Position(u.first).Line)
}

// isUnexportedField reports whether o is an unexported field: its uses are
// all in this package.
func isUnexportedField(o types.Object) bool {
	v, ok := o.(*types.Var)
	return ok && v.IsField() && !v.Exported()
}

// isVec reports whether d is a vector (its uses go through
// WithLabelValues, which counterUse does not follow).
func (d *definition) isVec() bool { return d.ctor.Labels >= 0 || d.ctor.VecOpt }

// isLhs reports whether id is one of a's assignment targets.
func isLhs(a *ast.AssignStmt, e ast.Expr) bool {
	for _, l := range a.Lhs {
		if l == e {
			return true
		}
	}
	return false
}

// factoryRegisterer returns the registry key of a promauto.Factory method
// call's factory, or "" when the factory is promauto.With(nil).
func (c *checker) factoryRegisterer(d *definition) string {
	sel, ok := apis.Unparen(d.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "unknown"
	}
	with := c.factoryCall(sel.X, d.encl)
	if with == nil || len(with.Args) != 1 {
		return c.registryKey(sel.X, d.encl)
	}
	return c.registryKey(with.Args[0], d.encl)
}

// factoryCall returns the promauto.With call e denotes, directly or through
// a local variable assigned once.
func (c *checker) factoryCall(e ast.Expr, encl *ast.FuncDecl) *ast.CallExpr {
	for range 3 {
		switch x := apis.Unparen(e).(type) {
		case *ast.CallExpr:
			if factories[apis.FullName(apis.Callee(c.pass.TypesInfo, x))] {
				return x
			}
			return nil
		case *ast.Ident:
			e = c.singleAssignment(c.pass.TypesInfo.Uses[x], encl)
		default:
			return nil
		}
	}
	return nil
}

// registryKey names the registry a registerer expression denotes inside
// encl: "" for nil, defaultRegistry for prometheus.DefaultRegisterer, else
// the function and the expression (a parameter, a field, a new registry).
func (c *checker) registryKey(e ast.Expr, encl *ast.FuncDecl) string {
	for range 3 {
		if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.IsNil() {
			return ""
		}
		var obj types.Object
		switch x := apis.Unparen(e).(type) {
		case *ast.Ident:
			obj = c.pass.TypesInfo.Uses[x]
		case *ast.SelectorExpr:
			obj = c.pass.TypesInfo.Uses[x.Sel]
		}
		if v, ok := obj.(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path()+"."+v.Name() == apis.DefaultRegisterer {
			return defaultRegistry
		}
		init := c.singleAssignment(obj, encl)
		if init == nil {
			break
		}
		e = init
	}
	if call, ok := apis.Unparen(e).(*ast.CallExpr); ok {
		return fmt.Sprintf("new@%d", call.Pos()) // a registry made here
	}
	pos := token.NoPos
	if encl != nil {
		pos = encl.Pos()
	}
	return fmt.Sprintf("%d:%s", pos, types.ExprString(e))
}

// singleAssignment returns the value of a local variable of encl that is
// assigned exactly once, at its declaration, or nil.
func (c *checker) singleAssignment(o types.Object, encl *ast.FuncDecl) ast.Expr {
	v, ok := o.(*types.Var)
	if !ok || encl == nil || encl.Body == nil || v.Parent() == c.pass.Pkg.Scope() || v.IsField() {
		return nil
	}
	var init ast.Expr
	n := 0
	ast.Inspect(encl.Body, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if id, ok := l.(*ast.Ident); ok && (c.pass.TypesInfo.Defs[id] == o || c.pass.TypesInfo.Uses[id] == o) {
					n++
					if len(x.Lhs) == len(x.Rhs) {
						init = x.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range x.Names {
				if c.pass.TypesInfo.Defs[id] == o {
					n++
					if len(x.Values) == len(x.Names) {
						init = x.Values[i]
					}
				}
			}
		case *ast.UnaryExpr:
			if id, ok := x.X.(*ast.Ident); ok && x.Op == token.AND && c.pass.TypesInfo.Uses[id] == o {
				n += 2 // its address is taken: it may change
			}
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return init
}

// collectorDefs returns the definitions a registration argument denotes:
// a constructor call, or a variable or field definitions are stored into.
func (c *checker) collectorDefs(a ast.Expr, byCall map[*ast.CallExpr]*definition, into map[types.Object][]*definition) []*definition {
	switch x := apis.Unparen(a).(type) {
	case *ast.CallExpr:
		if d := byCall[x]; d != nil {
			return []*definition{d}
		}
	case *ast.Ident, *ast.SelectorExpr:
		if o := lhsObject(c.pass.TypesInfo, x); o != nil {
			return into[o]
		}
	}
	return nil
}

// deletion records the labels a Delete, DeleteLabelValues,
// DeletePartialMatch or Reset call removes series of, on the definitions
// its receiver denotes. labelsArg is the index of the prometheus.Labels
// that names them, or -1 for whole series.
func (c *checker) deletion(call *ast.CallExpr, labelsArg int, byCall map[*ast.CallExpr]*definition, into map[types.Object][]*definition) {
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	labels := []string{""}
	if labelsArg >= 0 && labelsArg < len(call.Args) {
		if lit := c.compositeLit(call.Args[labelsArg]); lit != nil {
			labels = labels[:0]
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					labels = []string{""}
					break
				}
				s, ok := c.constString(kv.Key)
				if !ok {
					labels = []string{""}
					break
				}
				labels = append(labels, s)
			}
		}
	}
	c.manage(sel.X, labels, byCall, into)
}

// manage records that the program deletes series of the definitions e
// denotes by each of labels ("" = by labels it does not name: all are
// managed).
func (c *checker) manage(e ast.Expr, labels []string, byCall map[*ast.CallExpr]*definition, into map[types.Object][]*definition) {
	for _, d := range c.collectorDefs(e, byCall, into) {
		if d.managed == nil {
			d.managed = make(map[string]bool)
		}
		for _, l := range labels {
			d.managed[l] = true
		}
	}
}

// isManaged reports whether the program deletes the series of label of d.
func (d *definition) isManaged(label string) bool {
	return d != nil && (d.managed[""] || label != "" && d.managed[label])
}
