package metricname

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A definition is one call that defines a metric, with what its constant
// arguments say about it. Fields that are not compile-time constants are
// unknown and never checked.
type definition struct {
	call *ast.CallExpr
	ctor apis.MetricCtor
	fn   *types.Func

	name     string                        // full name (BuildFQName applied); valid if nameOK
	nameOK   bool                          // the full name is a constant
	namePos  token.Pos                     // where to report the name
	nameFrom []analysis.RelatedInformation // constants from other files the name is made of
	help     string                        // valid if helpOK
	helpOK   bool                          // the help is a constant (or absent: "")
	helpPos  token.Pos
	labels   []labelName // label names that are constants, in order
	labelsOK bool        // every variable label name is a constant
	// constValues are the constant labels as key=value pairs, sorted, when
	// every key and value is a constant; constOK reports that.
	constValues []string
	constOK     bool
	unit        string // OTel metric.WithUnit, if a constant
	vmErr       error  // VictoriaMetrics/metrics name that does not parse

	encl   *ast.FuncDecl // the function declaration around the call, nil at package level
	parent ast.Node      // the call's parent node

	// Exposure (client_golang; see exposure.go).
	stub           bool            // never registered: no rule applies
	registries     map[string]bool // the registries it is registered on
	stored         types.Object    // the variable or field its result is stored into, or nil
	directReceiver bool            // the call is the receiver of a method call
	managed        map[string]bool // labels whose series the program deletes ("" = all)
	asCounter      string          // why a gauge is used as a counter, or ""
	asGauge        bool            // a VictoriaMetrics counter that goes down (Dec, Set)

	observed *observation // a recorded value of known time unit (units.go), or nil
}

// A labelName is a constant label name of a definition.
type labelName struct {
	name     string
	pos      token.Pos
	constant bool // a ConstLabels key rather than a variable label
}

// definitions finds the metric definitions of the package, in source order.
func (c *checker) definitions(ins *inspector.Inspector) []*definition {
	var defs []*definition
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := apis.Callee(c.pass.TypesInfo, call)
		ctor, ok := c.ctors.Lookup(fn)
		if !ok || c.skip(call.Pos()) {
			continue
		}
		d := &definition{call: call, ctor: ctor, fn: fn, namePos: call.Pos(), helpPos: call.Pos(), helpOK: true, labelsOK: true, constOK: true}
		d.encl, d.parent = enclosingDecl(cur), cur.Parent().Node()
		if _, ok := d.parent.(*ast.ParenExpr); ok {
			d.parent = cur.Parent().Parent().Node()
		}
		switch {
		case ctor.Opts >= 0:
			c.promOpts(d)
		case ctor.Lib == apis.Prometheus:
			c.promDesc(d)
		case ctor.Lib == apis.OTel:
			c.otelInstrument(d)
		case ctor.Lib == apis.VictoriaMetrics:
			c.vmName(d)
		}
		defs = append(defs, d)
	}
	return defs
}

// arg returns the i'th argument of call, or nil.
func arg(call *ast.CallExpr, i int) ast.Expr {
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// promOpts reads a client_golang *Opts (or v2 *VecOpts) composite literal.
func (c *checker) promOpts(d *definition) {
	lit := c.compositeLit(arg(d.call, d.ctor.Opts))
	if lit == nil {
		if d.ctor.VecOpt {
			d.labelsOK = false // the variable labels are inside the Opts
		}
		d.nameOK, d.helpOK = false, false
		c.promLabelArgs(d)
		return
	}
	d.namePos, d.helpPos = lit.Pos(), lit.Pos()
	if d.ctor.VecOpt {
		var inner *ast.CompositeLit
		for _, kv := range keyed(lit) {
			switch kv.key {
			case "CounterOpts", "GaugeOpts", "HistogramOpts", "SummaryOpts":
				inner = c.compositeLit(kv.value)
			case "VariableLabels":
				c.variableLabels(d, kv.value)
			}
		}
		if inner == nil {
			d.helpOK = false // the Opts are not a literal: nothing is known
			return
		}
		lit = inner
	} else {
		c.promLabelArgs(d)
	}
	var ns, sub, name string
	nameOK := true
	for _, kv := range keyed(lit) {
		switch kv.key {
		case "Namespace", "Subsystem", "Name":
			s, ok := c.constString(kv.value)
			c.constFrom(d, kv.value)
			nameOK = nameOK && ok
			switch kv.key {
			case "Namespace":
				ns = s
			case "Subsystem":
				sub = s
			case "Name":
				name = s
				d.namePos = kv.value.Pos()
			}
		case "Help":
			d.help, d.helpOK = c.constString(kv.value)
			d.helpPos = kv.value.Pos()
		case "ConstLabels":
			c.constLabels(d, kv.value)
		}
	}
	if len(lit.Elts) > 0 && len(keyed(lit)) == 0 {
		// Positional fields: do not guess.
		nameOK, d.helpOK = false, false
	}
	d.name, d.nameOK = buildFQName(ns, sub, name), nameOK
}

// promDesc reads the arguments of NewDesc.
func (c *checker) promDesc(d *definition) {
	if e := arg(d.call, d.ctor.Name); e != nil {
		d.name, d.nameOK = c.constString(e)
		d.namePos = e.Pos()
		c.constFrom(d, e)
	}
	if e := arg(d.call, d.ctor.Help); e != nil {
		d.help, d.helpOK = c.constString(e)
		d.helpPos = e.Pos()
	}
	c.promLabelArgs(d)
}

// promLabelArgs reads the label arguments of a client_golang constructor,
// by parameter type: []string at the table's Labels index, Labels (const
// labels) and ConstrainableLabels (v2 variable labels) wherever they are.
func (c *checker) promLabelArgs(d *definition) {
	sig := d.fn.Signature()
	for i, a := range d.call.Args {
		if i >= sig.Params().Len() {
			break
		}
		t := sig.Params().At(i).Type()
		switch {
		case i == d.ctor.Labels:
			c.variableLabels(d, a)
		case isPromNamed(t, "Labels"):
			c.constLabels(d, a)
		case isPromNamed(t, "ConstrainableLabels"):
			c.variableLabels(d, a)
		}
	}
}

// isPromNamed reports whether t is the named client_golang type name.
func isPromNamed(t types.Type, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == apis.PrometheusPkg && n.Obj().Name() == name
}

// variableLabels reads a list of label names: a []string,
// UnconstrainedLabels or ConstrainedLabels literal, directly or through a
// package-level variable initialised by one.
func (c *checker) variableLabels(d *definition, e ast.Expr) {
	if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.IsNil() {
		return
	}
	lit := c.compositeLit(e)
	if lit == nil {
		d.labelsOK = false
		return
	}
	for _, el := range lit.Elts {
		if inner, ok := el.(*ast.CompositeLit); ok { // ConstrainedLabels{{Name: "x"}}
			el = nil
			for _, kv := range keyed(inner) {
				if kv.key == "Name" {
					el = kv.value
				}
			}
			if el == nil {
				d.labelsOK = false
				continue
			}
		}
		if s, ok := c.constString(el); ok {
			d.labels = append(d.labels, labelName{name: s, pos: el.Pos()})
		} else {
			d.labelsOK = false
		}
	}
}

// constLabels reads the constant keys of a prometheus.Labels literal, and
// their values when every key and value is a constant (constValues). A
// nil literal adds no labels; anything else leaves the values unknown.
func (c *checker) constLabels(d *definition, e ast.Expr) {
	lit := c.compositeLit(e)
	if lit == nil {
		if tv, ok := c.pass.TypesInfo.Types[apis.Unparen(e)]; !ok || !tv.IsNil() {
			d.constOK = false
		}
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			d.constOK = false
			continue
		}
		s, ok := c.constString(kv.Key)
		if !ok {
			d.constOK = false
			continue
		}
		d.labels = append(d.labels, labelName{name: s, pos: kv.Key.Pos(), constant: true})
		v, ok := c.constString(kv.Value)
		d.constOK = d.constOK && ok
		d.constValues = append(d.constValues, s+"="+v)
	}
	sort.Strings(d.constValues)
}

// otelInstrument reads an OTel instrument constructor: the name and a
// constant metric.WithUnit among the options.
func (c *checker) otelInstrument(d *definition) {
	if e := arg(d.call, d.ctor.Name); e != nil {
		d.name, d.nameOK = c.constString(e)
		d.namePos = e.Pos()
		c.constFrom(d, e)
	}
	if d.call.Ellipsis.IsValid() {
		return
	}
	opts := apis.NewMatcher(apis.OTelInstrumentOpts)
	for _, a := range d.call.Args[1:] {
		oc, ok := apis.Unparen(a).(*ast.CallExpr)
		if !ok {
			continue
		}
		if what, ok := opts.Lookup(apis.Callee(c.pass.TypesInfo, oc)); ok && what == "unit" && len(oc.Args) == 1 {
			d.unit, _ = c.constString(oc.Args[0])
		}
	}
}

// vmName reads a VictoriaMetrics/metrics name with its {labels}.
func (c *checker) vmName(d *definition) {
	e := arg(d.call, d.ctor.Name)
	if e == nil {
		return
	}
	s, ok := c.constString(e)
	if !ok {
		return
	}
	d.namePos = e.Pos()
	ident, labels, err := parseVMName(s)
	d.name, d.nameOK, d.vmErr = ident, true, err
	if err != nil {
		d.name = s
		return
	}
	for _, l := range labels {
		d.labels = append(d.labels, labelName{name: l.Name, pos: e.Pos(), constant: true})
	}
}

// A keyedField is one Key: Value element of a struct literal.
type keyedField struct {
	key   string
	value ast.Expr
}

// keyed returns the keyed elements of a struct literal.
func keyed(lit *ast.CompositeLit) []keyedField {
	var fs []keyedField
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				fs = append(fs, keyedField{id.Name, kv.Value})
			}
		}
	}
	return fs
}

// compositeLit returns the composite literal e denotes: directly, through
// &, parentheses or a conversion (prometheus.GaugeOpts(opts)), or through a
// package-level variable of this package initialised by one and never
// assigned again.
func (c *checker) compositeLit(e ast.Expr) *ast.CompositeLit {
	for range 8 {
		switch x := apis.Unparen(e).(type) {
		case nil:
			return nil
		case *ast.CompositeLit:
			return x
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.CallExpr:
			if tv, ok := c.pass.TypesInfo.Types[x.Fun]; !ok || !tv.IsType() || len(x.Args) != 1 {
				return nil
			}
			e = x.Args[0]
		case *ast.Ident:
			v, ok := c.pass.TypesInfo.Uses[x].(*types.Var)
			if !ok || v.Pkg() != c.pass.Pkg || v.Parent() != c.pass.Pkg.Scope() {
				return nil
			}
			e = c.packageVarInit(v)
		default:
			return nil
		}
	}
	return nil
}

// packageVarInit returns the initialiser of a package-level variable that
// is never assigned after its declaration, or nil.
func (c *checker) packageVarInit(v *types.Var) ast.Expr {
	var init ast.Expr
	for _, f := range c.pass.Files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, n := range vs.Names {
					if c.pass.TypesInfo.Defs[n] == v {
						init = vs.Values[i]
					}
				}
			}
		}
	}
	if init == nil || c.assigned(v) {
		return nil
	}
	return init
}

// assigned reports whether v is assigned, or has its address taken,
// anywhere in the package after its declaration.
func (c *checker) assigned(v *types.Var) bool {
	found := false
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if found {
				return false
			}
			switch x := n.(type) {
			case *ast.AssignStmt:
				for _, l := range x.Lhs {
					if id, ok := rootIdent(l); ok && c.pass.TypesInfo.Uses[id] == v {
						found = true
					}
				}
			case *ast.UnaryExpr:
				if id, ok := rootIdent(x.X); ok && x.Op == token.AND && c.pass.TypesInfo.Uses[id] == v {
					found = true
				}
			case *ast.IncDecStmt:
				if id, ok := rootIdent(x.X); ok && c.pass.TypesInfo.Uses[id] == v {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// rootIdent returns the variable at the root of x, x[i], x.f.
func rootIdent(e ast.Expr) (*ast.Ident, bool) {
	for {
		switch x := apis.Unparen(e).(type) {
		case *ast.Ident:
			return x, true
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		default:
			return nil, false
		}
	}
}

// nameBuilders are the functions whose result constString computes from
// constant arguments, the way the library does.
var nameBuilders = apis.Table[func(args []string) string]{
	apis.PrometheusPkg + ".BuildFQName": func(a []string) string { return buildFQName(a[0], a[1], a[2]) },
}

// buildFQName is client_golang's BuildFQName: the parts joined by '_',
// empty namespace and subsystem skipped, and "" when name is empty.
func buildFQName(namespace, subsystem, name string) string {
	if name == "" {
		return ""
	}
	var parts []string
	for _, p := range []string{namespace, subsystem} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(append(parts, name), "_")
}

// constString returns the value of a string expression if it is a
// compile-time constant (from any file or package), or a call of a name
// builder (BuildFQName) or a concatenation of such with constant operands.
func (c *checker) constString(e ast.Expr) (string, bool) {
	e = apis.Unparen(e)
	if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true
		}
		return "", false
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		b, ok := nameBuilders.Lookup(apis.Callee(c.pass.TypesInfo, x))
		if !ok || x.Ellipsis.IsValid() {
			return "", false
		}
		args := make([]string, len(x.Args))
		for i, a := range x.Args {
			if args[i], ok = c.constString(a); !ok {
				return "", false
			}
		}
		return b(args), true
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		l, ok1 := c.constString(x.X)
		r, ok2 := c.constString(x.Y)
		return l + r, ok1 && ok2
	}
	return "", false
}

// constFrom records, for the Related positions of name findings, the
// constants in e that are declared in another file or package: the name the
// user reads at the call is not the name the library builds.
func (c *checker) constFrom(d *definition, e ast.Expr) {
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		k, ok := c.pass.TypesInfo.Uses[id].(*types.Const)
		if !ok || !k.Pos().IsValid() {
			return true
		}
		if f := c.pass.Fset.File(k.Pos()); f == nil || f == c.pass.Fset.File(d.call.Pos()) {
			return true
		}
		d.nameFrom = append(d.nameFrom, analysis.RelatedInformation{
			Pos:     k.Pos(),
			Message: fmt.Sprintf("%s = %s", k.Name(), k.Val().ExactString()),
		})
		return true
	})
}
