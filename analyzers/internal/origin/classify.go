package origin

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// none is the class of a value made only of the enclosing function's
// parameters, for function summaries: it is the identity of combine.
const none Class = -1

// res is a Result with what a function summary needs: the class of the value
// without the enclosing function's parameters (own) and which parameters
// flow into it.
type res struct {
	Result
	own    Class
	params uint64
	cv     constant.Value // the constant, when Class is Constant
}

// rank orders classes for combining parts of one value: the worst part
// decides, and an unknown part outweighs constants and bounded parts.
func rank(c Class) int {
	switch c {
	case none:
		return -1
	case Constant:
		return 0
	case Bounded:
		return 1
	case Tenant:
		return 2
	case Unknown:
		return 3
	case Client:
		return 4
	case Identifier:
		return 5
	case Unbounded:
		return 6
	}
	return 3
}

func unknown() res { return res{Result: Result{Class: Unknown}, own: Unknown} }

func worse(a, b Class) Class {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// combine merges the parts of a value that is one of them (a phi) or is
// made of all of them (concatenation, formatting). The worst part decides
// the class and the reason. Several different constants make a bounded
// value; how != "" describes the combination for that case.
func combine(parts []res, how string) res {
	if len(parts) == 0 {
		return unknown()
	}
	out := res{own: none}
	out.Class = none
	var worst *res
	consts := 0
	sameConst := true
	for i := range parts {
		p := &parts[i]
		if worst == nil || rank(p.Class) > rank(worst.Class) {
			worst = p
		}
		out.own = worse(out.own, p.own)
		out.params |= p.params
		if p.Class == Constant {
			consts++
			if parts[0].Class != Constant || p.Const != parts[0].Const {
				sameConst = false
			}
		}
	}
	out.Result = worst.Result
	out.cv = worst.cv
	if out.Class == Constant && !(sameConst && consts == len(parts)) {
		out.Class = Bounded
		out.Const = ""
		out.cv = nil
		out.Pos = token.NoPos
		if how == "" {
			how = "built from constants"
		}
		out.Reason = how
	}
	if out.Class == Bounded && out.Reason == "" {
		out.Reason = how
	}
	if out.params == 0 {
		out.own = out.Class
	}
	return out
}

// classify is Value with the summary information.
func (c *Classifier) classify(v ssa.Value) res {
	if r, ok := c.memo[v]; ok {
		return r
	}
	if c.busy[v] {
		return unknown() // a cycle through an operation: the value grows
	}
	c.busy[v] = true
	r := c.structural(v)
	if r.Class == Unknown {
		r = c.fallback(v, r)
	}
	if r.own == none && r.params == 0 {
		r.own = r.Class
	}
	delete(c.busy, v)
	c.memo[v] = r
	return r
}

// structural classifies v by how it is computed.
func (c *Classifier) structural(v ssa.Value) res {
	switch v := v.(type) {
	case *ssa.Const:
		return constRes(v)
	case *ssa.Parameter:
		r := unknown()
		r.own = none
		if fn := v.Parent(); fn != nil {
			for i, p := range fn.Params {
				if p == v && i < 64 {
					r.params = 1 << i
				}
			}
		}
		if r.params == 0 {
			r.own = Unknown
		}
		return r
	case *ssa.Phi:
		return c.phi(v)
	case *ssa.Call:
		return c.call(v, v.Common())
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 {
			return c.call(call, call.Common())
		}
		if ta, ok := v.Tuple.(*ssa.TypeAssert); ok && v.Index == 0 {
			return c.classify(ta.X)
		}
	case *ssa.BinOp:
		return c.binop(v)
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			return c.load(v, v.X)
		case token.NOT:
			return bounded("a boolean")
		case token.SUB, token.XOR:
			return c.classify(v.X)
		}
	case *ssa.Field:
		return c.field(v, v.X.Type(), v.Field)
	case *ssa.Convert:
		return c.classify(v.X)
	case *ssa.ChangeType:
		return c.classify(v.X)
	case *ssa.ChangeInterface:
		return c.classify(v.X)
	case *ssa.MakeInterface:
		return c.classify(v.X)
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return c.classify(v.X)
		}
	case *ssa.Slice:
		if elems := Elems(v); elems != nil {
			return c.all(elems, "")
		}
		if isString(v.X.Type()) {
			return c.classify(v.X)
		}
	}
	return unknown()
}

func bounded(why string) res {
	return res{Result: Result{Class: Bounded, Reason: why}, own: Bounded}
}

func constRes(k *ssa.Const) res {
	r := res{Result: Result{Class: Constant}, own: Constant, cv: k.Value}
	if k.Value == nil {
		r.Const = "nil"
	} else {
		r.Const = k.Value.ExactString()
	}
	return r
}

func (c *Classifier) all(vs []ssa.Value, how string) res {
	parts := make([]res, 0, len(vs))
	for _, e := range vs {
		parts = append(parts, c.classify(e))
	}
	if len(parts) == 0 {
		return res{Result: Result{Class: Constant, Const: `""`}, own: Constant, cv: constant.MakeString("")}
	}
	return combine(parts, how)
}

// phi combines the non-phi values a phi web can take.
func (c *Classifier) phi(p *ssa.Phi) res {
	var leaves []ssa.Value
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		if q, ok := v.(*ssa.Phi); ok {
			for _, e := range q.Edges {
				walk(e)
			}
			return
		}
		leaves = append(leaves, v)
	}
	walk(p)
	r := c.all(leaves, fmt.Sprintf("one of %d constants", len(leaves)))
	if r.Class == Bounded && r.Reason == "" {
		r.Reason = "a choice among bounded values"
	}
	return r
}

func (c *Classifier) binop(b *ssa.BinOp) res {
	switch b.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return bounded("a comparison")
	}
	x, y := c.classify(b.X), c.classify(b.Y)
	if b.Op == token.ADD && x.Class == Constant && y.Class == Constant && x.cv != nil && y.cv != nil &&
		x.cv.Kind() == constant.String && y.cv.Kind() == constant.String {
		cv := constant.BinaryOp(x.cv, token.ADD, y.cv)
		return res{Result: Result{Class: Constant, Const: cv.ExactString()}, own: Constant, cv: cv}
	}
	return combine([]res{x, y}, "built from constants")
}

// load classifies *addr.
func (c *Classifier) load(v ssa.Value, addr ssa.Value) res {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		if fieldKey(a.X.Type(), a.Field) == methodField {
			return c.requestMethod(v, a.X)
		}
		if fieldKey(a.X.Type(), a.Field) == hostField {
			return c.requestHost(v, a.X)
		}
		if fieldKey(a.X.Type(), a.Field) == requestURIField && clientRequest(a.X) {
			return res{Result: Result{Class: Constant, Const: `""`}, own: Constant, cv: constant.MakeString("")}
		}
		return c.field(v, a.X.Type(), a.Field)
	case *ssa.Alloc, *ssa.FreeVar:
		vals, ok := c.stored(a, 0)
		if ok && len(vals) > 0 {
			return c.all(vals, fmt.Sprintf("one of %d constants", len(vals)))
		}
	case *ssa.Global:
		if t := v.Type(); !isPointer(t) && types.Implements(t, errorIface) {
			return unknown() // a sentinel error: see fallback
		}
		if vals := c.globalStores(a); len(vals) > 0 {
			return c.all(vals, fmt.Sprintf("one of %d constants", len(vals)))
		}
	}
	return unknown()
}

// globalStores returns the values stored to a package-level variable of
// this package, or nil if it has none or its address is used otherwise
// than to load and store it (flag.StringVar(&g, ...), a field of it).
// var apiPath = "/api/v1" is a constant in effect.
func (c *Classifier) globalStores(g *ssa.Global) []ssa.Value {
	info := c.ssaInfo()
	if info == nil || g.Pkg != info.Pkg || g.Object() == nil || g.Object().Exported() {
		return nil // another package may assign an exported variable
	}
	if c.globals == nil {
		c.globals = make(map[*ssa.Global][]ssa.Value)
		escaped := make(map[*ssa.Global]bool)
		fns := append([]*ssa.Function(nil), info.SrcFuncs...)
		if init := info.Pkg.Func("init"); init != nil {
			fns = append(fns, init)
		}
		var ops []*ssa.Value
		for _, fn := range fns {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if st, ok := instr.(*ssa.Store); ok {
						if gl, ok := st.Addr.(*ssa.Global); ok {
							c.globals[gl] = append(c.globals[gl], st.Val)
							if gl2, ok := st.Val.(*ssa.Global); ok {
								escaped[gl2] = true
							}
							continue
						}
					}
					if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.MUL {
						continue
					}
					ops = instr.Operands(ops[:0])
					for _, op := range ops {
						if gl, ok := (*op).(*ssa.Global); ok {
							escaped[gl] = true
						}
					}
				}
			}
		}
		for gl := range escaped {
			c.globals[gl] = nil
		}
	}
	return c.globals[g]
}

// stored returns the values stored to a local variable (an Alloc, or a
// FreeVar bound to one), following closures, or false if its address
// escapes.
func (c *Classifier) stored(addr ssa.Value, depth int) ([]ssa.Value, bool) {
	if depth > 4 {
		return nil, false
	}
	if fv, ok := addr.(*ssa.FreeVar); ok {
		mc := c.closureOf(fv.Parent())
		if mc == nil {
			return nil, false
		}
		for i, f := range fv.Parent().FreeVars {
			if f == fv && i < len(mc.Bindings) {
				if _, ok := mc.Bindings[i].(*ssa.Alloc); ok {
					return c.stored(mc.Bindings[i], depth+1)
				}
			}
		}
		return nil, false
	}
	refs := addr.Referrers()
	if refs == nil {
		return nil, false
	}
	return c.storesThrough(addr, *refs, depth)
}

// storedIn is stored for a free variable seen from inside its closure.
func (c *Classifier) storedIn(fv *ssa.FreeVar, depth int) ([]ssa.Value, bool) {
	if depth > 4 {
		return nil, false
	}
	refs := fv.Referrers()
	if refs == nil {
		return nil, true
	}
	return c.storesThrough(fv, *refs, depth)
}

// storesThrough returns the values stored to addr (a local's Alloc or a
// closure's FreeVar), given its referrers, following the closures that
// capture it; ok is false when addr is used in any other way.
func (c *Classifier) storesThrough(addr ssa.Value, refs []ssa.Instruction, depth int) ([]ssa.Value, bool) {
	var vals []ssa.Value
	for _, ref := range refs {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != addr {
				return nil, false
			}
			vals = append(vals, ref.Val)
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, false
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn, _ := ref.Fn.(*ssa.Function)
			if fn == nil {
				return nil, false
			}
			for i, b := range ref.Bindings {
				if b == addr && i < len(fn.FreeVars) {
					more, ok := c.storedIn(fn.FreeVars[i], depth+1)
					if !ok {
						return nil, false
					}
					vals = append(vals, more...)
				}
			}
		default:
			return nil, false
		}
	}
	return vals, true
}

// closureOf finds the MakeClosure that creates fn in its parent.
func (c *Classifier) closureOf(fn *ssa.Function) *ssa.MakeClosure {
	if mc, ok := c.closures[fn]; ok {
		return mc
	}
	var found *ssa.MakeClosure
	if parent := fn.Parent(); parent != nil {
		for _, b := range parent.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
					found = mc
				}
			}
		}
	}
	c.closures[fn] = found
	return found
}

// field classifies the value of field index of the struct (or pointer to
// struct) type t, read by v.
func (c *Classifier) field(v ssa.Value, t types.Type, index int) res {
	key := fieldKey(t, index)
	if src, ok := fieldSources[key]; ok {
		return c.sourceRes(v, src)
	}
	return unknown()
}

// sourceRes is the result for v, a value from a known source.
func (c *Classifier) sourceRes(v ssa.Value, src source) res {
	pos := c.exprPos(v)
	r := res{Result: Result{Class: src.class, Pos: pos}, own: src.class}
	r.Expr, r.What = c.text(v), src.what
	if src.class == Bounded || src.class == Tenant {
		r.Reason = c.text(v) + ", " + src.what
		r.Pos = token.NoPos
	} else {
		r.Reason = fmt.Sprintf("%s, %s (%s)", c.text(v), src.what, c.line(pos))
	}
	return r
}

// call classifies the (first) result of a call.
func (c *Classifier) call(v *ssa.Call, common *ssa.CallCommon) res {
	fn := apis.SSACallee(common)
	if fn == nil {
		if f, ok := common.Value.(*ssa.Function); ok && f.Object() == nil {
			return c.applySummary(v, common, f, nil)
		}
		return unknown()
	}
	key := apis.FullName(fn)
	if c.isErrorText(fn, common) {
		if recv := receiver(common); recv != nil && isGlobalLoad(recv) {
			return bounded(c.text(v) + ", the text of a sentinel error")
		}
		return c.sourceRes(v, source{Unbounded, "error text"})
	}
	if what, ok := apis.TenantSources[key]; ok {
		return c.sourceRes(v, source{Tenant, what})
	}
	if src, ok := callSources[key]; ok {
		if headerReaders[key] && responseHeader(receiver(common)) {
			return unknown() // chosen by the server called, not by a client
		}
		if timeFormatters[key] && processTime(receiver(common)) {
			return unknown() // a build date or start time: one value per process
		}
		return c.sourceRes(v, src)
	}
	if fn.Pkg() != nil && randPkgs[fn.Pkg().Path()] {
		if i, ok := boundedRandom[key]; ok && i < len(common.Args) {
			if k, ok := common.Args[i].(*ssa.Const); ok && k.Value != nil {
				if n, exact := constant.Int64Val(k.Value); exact && n <= 1000 {
					return bounded(fmt.Sprintf("a random number below %d", n))
				}
			}
		}
		return c.sourceRes(v, source{Unbounded, "a random value"})
	}
	if t, ok := transforms[key]; ok {
		return c.transform(key, t, common)
	}
	sig := fn.Signature()
	if fn.Name() == "String" && sig.Recv() != nil && sig.Params().Len() == 0 && c.isEnum(sig.Recv().Type()) {
		return bounded(fmt.Sprintf("%s, the name of a %s value", c.text(v), typeName(sig.Recv().Type())))
	}
	if common.IsInvoke() {
		return unknown()
	}
	callee := common.StaticCallee()
	if callee != nil && callee.Origin() != nil {
		callee = callee.Origin() // an instance of a generic function
	}
	if callee != nil && callee.Pkg == c.ssaPkg() && len(callee.Blocks) > 0 {
		return c.applySummary(v, common, callee, nil)
	}
	var fact ReturnsFact
	if c.pass.ImportObjectFact(fn.Origin(), &fact) {
		return c.applySummary(v, common, nil, &fact)
	}
	return unknown()
}

// isErrorText reports whether fn is an Error() string method of an error.
func (c *Classifier) isErrorText(fn *types.Func, common *ssa.CallCommon) bool {
	sig := fn.Signature()
	return fn.Name() == "Error" && sig.Recv() != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
		isString(sig.Results().At(0).Type()) && types.Implements(sig.Recv().Type(), errorIface)
}

// receiver returns the receiver of a method call, or nil.
func receiver(common *ssa.CallCommon) ssa.Value {
	if common.IsInvoke() {
		return common.Value
	}
	if len(common.Args) > 0 {
		return common.Args[0]
	}
	return nil
}

func (c *Classifier) ssaPkg() *ssa.Package {
	info := c.ssaInfo()
	if info == nil {
		return nil
	}
	return info.Pkg
}

// ssaInfo returns the package's SSA form, built on the first call.
func (c *Classifier) ssaInfo() *buildssa.SSA {
	if c.ssa == nil {
		return nil
	}
	return c.ssa.Get()
}

// transform classifies a call that formats or transforms its arguments.
func (c *Classifier) transform(key string, t transform, common *ssa.CallCommon) res {
	if t.bounded {
		return bounded("a formatted boolean")
	}
	var parts []res
	if key == "fmt.Sprintf" && len(common.Args) == 2 {
		if ps, ok := c.sprintfParts(common.Args[0], common.Args[1]); ok {
			parts = ps
		}
	}
	if parts == nil {
		for _, i := range t.args {
			if i < len(common.Args) {
				parts = append(parts, c.classify(common.Args[i]))
			}
		}
	}
	if r, ok := c.fold(key, common, parts); ok {
		return r
	}
	return combine(parts, "formatted from constants")
}

// sprintfParts classifies the parts of fmt.Sprintf(format, args...) when
// the format is a constant and the arguments are visible: an argument
// formatted with %T is its type's name, bounded whatever the value.
func (c *Classifier) sprintfParts(format, args ssa.Value) ([]res, bool) {
	k, ok := format.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.String {
		return nil, false
	}
	elems := Elems(args)
	if elems == nil {
		return nil, false
	}
	verbs, ok := formatVerbs(constant.StringVal(k.Value))
	if !ok || len(verbs) != len(elems) {
		return nil, false
	}
	parts := []res{c.classify(format)}
	for i, e := range elems {
		if verbs[i] == 'T' {
			parts = append(parts, bounded("a type name"))
			continue
		}
		parts = append(parts, c.classify(e))
	}
	return parts, true
}

// formatVerbs returns the verbs of a printf format, one per argument, or
// false for formats with explicit argument indexes or * widths.
func formatVerbs(format string) ([]rune, bool) {
	var verbs []rune
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			return nil, false
		}
		switch format[i] {
		case '%':
			continue
		case '[', '*':
			return nil, false
		}
		verbs = append(verbs, rune(format[i]))
	}
	return verbs, true
}

// fold computes a few formatting calls of constants.
func (c *Classifier) fold(key string, common *ssa.CallCommon, parts []res) (res, bool) {
	if key != "fmt.Sprintf" && key != "fmt.Sprint" {
		for _, p := range parts {
			if p.Class != Constant || p.cv == nil {
				return res{}, false
			}
		}
	}
	str := func(s string) (res, bool) {
		cv := constant.MakeString(s)
		return res{Result: Result{Class: Constant, Const: cv.ExactString()}, own: Constant, cv: cv}, true
	}
	switch key {
	case "strconv.Itoa":
		if n, ok := constant.Int64Val(parts[0].cv); ok {
			return str(fmt.Sprint(n))
		}
	case "strings.ToLower", "strings.ToUpper":
		if parts[0].cv.Kind() == constant.String {
			s := constant.StringVal(parts[0].cv)
			if key == "strings.ToLower" {
				return str(strings.ToLower(s))
			}
			return str(strings.ToUpper(s))
		}
	case "fmt.Sprintf", "fmt.Sprint":
		var format string
		slice := common.Args[len(common.Args)-1]
		if key == "fmt.Sprintf" {
			if parts[0].Class != Constant || parts[0].cv == nil || parts[0].cv.Kind() != constant.String {
				return res{}, false
			}
			format = constant.StringVal(parts[0].cv)
			verbs, ok := formatVerbs(format)
			if !ok {
				return res{}, false
			}
			for _, v := range verbs {
				if !strings.ContainsRune("sdvq", v) {
					return res{}, false // %T, %x, %f... depend on the exact type
				}
			}
		}
		elems := Elems(slice)
		if elems == nil {
			return res{}, false
		}
		var vals []any
		for _, e := range elems {
			mi, ok := e.(*ssa.MakeInterface)
			if !ok {
				return res{}, false
			}
			k, ok := mi.X.(*ssa.Const)
			if !ok || k.Value == nil {
				return res{}, false
			}
			if _, basic := types.Unalias(mi.X.Type()).(*types.Basic); !basic {
				return res{}, false // a named type may have a String method
			}
			switch k.Value.Kind() {
			case constant.String:
				vals = append(vals, constant.StringVal(k.Value))
			case constant.Int:
				n, ok := constant.Int64Val(k.Value)
				if !ok {
					return res{}, false
				}
				vals = append(vals, n)
			case constant.Bool:
				vals = append(vals, constant.BoolVal(k.Value))
			default:
				return res{}, false
			}
		}
		if key == "fmt.Sprintf" {
			return str(fmt.Sprintf(format, vals...))
		}
		return str(fmt.Sprint(vals...))
	}
	return res{}, false
}

// applySummary classifies a call of a function with a body in this package
// (callee) or with a fact (fact): the callee's own result combined with the
// arguments that flow through it.
func (c *Classifier) applySummary(v *ssa.Call, common *ssa.CallCommon, callee *ssa.Function, fact *ReturnsFact) res {
	var s *ReturnsFact
	if callee != nil {
		s = c.summary(callee)
	} else {
		s = fact
	}
	if s == nil {
		return unknown()
	}
	name := c.text(v)
	var parts []res
	if !s.OnlyParams {
		own := res{Result: Result{Class: s.Class, Const: s.Const}, own: s.Class}
		switch s.Class {
		case Constant:
			own.cv = parseConst(s.Const)
			if own.cv == nil && len(s.Params) == 0 {
				own.Class, own.own, own.Const = Bounded, Bounded, ""
				own.Reason = name + ", which returns only constants"
			}
		case Bounded:
			own.Reason = name + ", which returns only bounded values"
			if len(s.Params) == 0 {
				own.Reason = name + ", which returns only constants or bounded values"
			}
		case Identifier, Unbounded:
			own.Reason = name + ", which returns " + s.Reason
			own.Pos = c.exprPos(v)
			own.Expr, own.What = name, s.What
		}
		parts = append(parts, own)
	}
	for _, i := range s.Params {
		if i < len(common.Args) {
			parts = append(parts, c.classify(common.Args[i]))
		}
	}
	return combine(parts, "built from constants by "+name)
}

func parseConst(s string) constant.Value {
	if s == "" || s == "nil" {
		return nil
	}
	if s[0] == '"' || s[0] == '`' {
		cv := constant.MakeFromLiteral(s, token.STRING, 0)
		if cv.Kind() == constant.Unknown {
			return nil
		}
		return cv
	}
	cv := constant.MakeFromLiteral(s, token.INT, 0)
	if cv.Kind() == constant.Unknown {
		return nil
	}
	return cv
}

// summary computes the ReturnsFact of a function of this package.
func (c *Classifier) summary(fn *ssa.Function) *ReturnsFact {
	if s, ok := c.funcs[fn]; ok {
		return s
	}
	c.funcs[fn] = nil // recursion: unknown
	var s *ReturnsFact
	if fn.Signature.Results().Len() > 0 && summarizable(fn.Signature.Results().At(0).Type()) {
		var parts []res
		for _, b := range fn.Blocks {
			if len(b.Instrs) == 0 {
				continue
			}
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 {
				parts = append(parts, c.returned(fn, b, ret.Results[0])...)
			}
		}
		if len(parts) > 0 {
			r := combine(parts, "")
			s = &ReturnsFact{}
			// What the callee adds by itself; the parameters in Params
			// are filled in from the arguments at each call.
			if r.own == none {
				s.Class, s.OnlyParams = Constant, true
			} else {
				s.Class = r.own
			}
			if s.Class == r.Class && r.params == 0 {
				s.Reason, s.Const, s.What = r.Reason, r.Const, r.What
			} else if s.Class.Reportable() {
				s.Reason, s.What = r.Reason, r.What
			}
			for i := 0; i < 64 && i < len(fn.Params); i++ {
				if r.params&(1<<i) != 0 {
					s.Params = append(s.Params, i)
				}
			}
		}
	}
	c.funcs[fn] = s
	return s
}

// returned classifies v, returned at the end of block b of fn: a string
// returned only where a test found it equal to a constant is one of the
// constants (switch m { case "GET", "POST": return m }), also through a
// phi whose edge is so checked.
func (c *Classifier) returned(fn *ssa.Function, b *ssa.BasicBlock, v ssa.Value) []res {
	checked := bounded("checked against constants")
	if !isString(v.Type()) {
		return []res{c.classify(v)}
	}
	if p, ok := v.(*ssa.Phi); ok && p.Block() == b {
		var parts []res
		for i, e := range p.Edges {
			if g := c.valueGuards(fn, e); !g.unsure && g.edgeChecked(b.Preds[i], b) {
				parts = append(parts, checked)
				continue
			}
			parts = append(parts, c.classify(e))
		}
		return parts
	}
	if g := c.valueGuards(fn, v); !g.unsure && g.guarded[b] {
		return []res{checked}
	}
	return []res{c.classify(v)}
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// eligible reports whether values of type t can be names, ids or text:
// strings, integers, byte slices and arrays (uuids), interfaces (formatted
// with %v), and pointers to named types (a *url.URL).
func eligible(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsString|types.IsInteger) != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	case *types.Array:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	case *types.Interface:
		return true
	}
	return false
}

// summarizable reports whether a function result of type t gets a
// ReturnsFact: strings, integers and byte slices or arrays (not interfaces:
// an error result would make every fallible function a fact).
func summarizable(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); ok {
		return false
	}
	return eligible(t)
}

func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if n.Obj().Pkg() != nil {
			return n.Obj().Pkg().Name() + "." + n.Obj().Name()
		}
		return n.Obj().Name()
	}
	return t.String()
}

// isEnum reports whether t is a named string or integer type whose package
// declares constants of it.
func (c *Classifier) isEnum(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	if b, ok := n.Underlying().(*types.Basic); !ok || b.Info()&(types.IsString|types.IsInteger) == 0 {
		return false
	}
	obj := n.Obj()
	if e, ok := c.enums[obj]; ok {
		return e
	}
	if !c.enumPkgs[obj.Pkg()] {
		// Once per package: every named type with declared constants.
		c.enumPkgs[obj.Pkg()] = true
		scope := obj.Pkg().Scope()
		for _, name := range scope.Names() {
			if k, ok := scope.Lookup(name).(*types.Const); ok {
				if kn, ok := types.Unalias(k.Type()).(*types.Named); ok && !typeNameIdent(kn.Obj().Name()) {
					c.enums[kn.Obj()] = true
				}
			}
		}
	}
	if !c.enums[obj] {
		c.enums[obj] = false
	}
	return c.enums[obj]
}

// fallback classifies a value whose computation says nothing, by its type
// and name.
func (c *Classifier) fallback(v ssa.Value, r res) res {
	set := func(class Class, reason string, pos token.Pos) res {
		r.Class, r.Reason, r.Pos = class, reason, pos
		r.Expr, r.What = c.text(v), ""
		if class.Reportable() {
			r.What = "an identifier"
			if strings.Contains(reason, ", error text") {
				r.What = "error text"
			} else if strings.Contains(reason, ", a timestamp") {
				r.What = "a timestamp"
			}
		}
		if r.params == 0 {
			r.own = class
		}
		return r
	}
	t := v.Type()
	if c.isEnum(t) {
		return set(Bounded, fmt.Sprintf("%s, a %s value", c.text(v), typeName(t)), token.NoPos)
	}
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && types.Implements(t, errorIface) {
		if isGlobalLoad(v) {
			return set(Bounded, c.text(v)+", a sentinel error", token.NoPos)
		}
		pos := c.exprPos(v)
		return set(Unbounded, fmt.Sprintf("%s, error text (%s)", c.text(v), c.line(pos)), pos)
	}
	if isTime(t) && !processTime(v) {
		pos := c.exprPos(v)
		return set(Unbounded, fmt.Sprintf("%s, a timestamp (%s)", c.text(v), c.line(pos)), pos)
	}
	names := c.names(v)
	for _, n := range c.contextNames(v) {
		if k := classifyName(n); k == nameBounded || k == nameStatus {
			return r // a field of a route, a service, a method: few values
		}
	}
	verdict := nameNeutral
	var hit string
	for _, n := range names {
		switch classifyName(n) {
		case nameStatus:
			if verdict != nameStatus {
				verdict, hit = nameStatus, n
			}
		case nameBounded:
			if verdict != nameStatus {
				verdict, hit = nameBounded, n
			}
		case nameIdent:
			if verdict == nameNeutral {
				verdict, hit = nameIdent, n
			}
		}
	}
	switch verdict {
	case nameStatus:
		if isInteger(t) {
			return set(Bounded, hit+", a status code", token.NoPos)
		}
		return r
	case nameBounded:
		return r
	case nameIdent:
		if eligible(t) {
			pos := c.exprPos(v)
			text := c.text(v)
			if !strings.Contains(text, hit) {
				text = hit
			}
			out := set(Identifier, fmt.Sprintf("%s, which looks like an identifier (%s)", text, c.line(pos)), pos)
			out.Expr = text
			return out
		}
	}
	if tn := namedOrPointee(t); tn != nil && typeNameIdent(tn.Obj().Name()) && (eligible(t) || isPointer(t)) {
		pos := c.exprPos(v)
		return set(Identifier, fmt.Sprintf("%s, a %s (%s)", c.text(v), typeName(t), c.line(pos)), pos)
	}
	return r
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func namedOrPointee(t types.Type) *types.Named {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// isTime reports whether t is time.Time.
func isTime(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}

// timeFormatters are the methods of time.Time that turn a time into a label
// or name: a timestamp, unless the time is fixed for the process.
var timeFormatters = map[string]bool{
	"(time.Time).Format": true, "(time.Time).String": true, "(time.Time).AppendFormat": true,
	"(time.Time).Unix": true, "(time.Time).UnixNano": true, "(time.Time).UnixMilli": true, "(time.Time).UnixMicro": true,
}

// timeConversions are the methods of time.Time that return the same instant
// in another form: a process time stays one.
var timeConversions = map[string]bool{
	"(time.Time).UTC": true, "(time.Time).Local": true, "(time.Time).In": true,
	"(time.Time).Round": true, "(time.Time).Truncate": true,
}

// processTime reports whether v, a time.Time, is read from a package-level
// variable (or a field of one), possibly converted to another zone or
// rounded: a build date or a start time, one value per process
// (Date.UTC().Format(layout) as the builddate label of a build_info metric),
// not the time of each event.
func processTime(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.Call:
			fn := apis.SSACallee(x.Common())
			if fn == nil || !timeConversions[apis.FullName(fn)] || len(x.Common().Args) == 0 {
				return false
			}
			v = x.Common().Args[0]
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			addr := x.X
			for {
				fa, ok := addr.(*ssa.FieldAddr)
				if !ok {
					break
				}
				addr = fa.X
			}
			_, ok := addr.(*ssa.Global)
			return ok
		case *ssa.Field:
			v = x.X
		default:
			return false
		}
	}
}

func isGlobalLoad(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.UnOp:
			_, ok := x.X.(*ssa.Global)
			return ok && x.Op == token.MUL
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		default:
			return false
		}
	}
}

// names returns the names v comes from: the variable it is assigned to in
// the source, then its own name (parameter, field, global, callee).
func (c *Classifier) names(v ssa.Value) []string {
	var out []string
	if pos := v.Pos(); pos.IsValid() {
		out = append(out, c.localNames(pos, 0)...)
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		out = append(out, v.Name())
	case *ssa.Phi:
		out = append(out, v.Comment)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			out = append(out, c.addrNames(v.X)...)
		}
	case *ssa.Field:
		if st, ok := derefStruct(v.X.Type()); ok && v.Field < st.NumFields() {
			out = append(out, st.Field(v.Field).Name())
		}
	case *ssa.Call:
		if fn := apis.SSACallee(v.Common()); fn != nil {
			out = append(out, fn.Name())
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			if pos := call.Pos(); pos.IsValid() {
				out = append(out, c.localNames(pos, v.Index)...)
			}
			if fn := apis.SSACallee(call.Common()); fn != nil && v.Index == 0 {
				out = append(out, fn.Name())
			}
		}
		if l, ok := v.Tuple.(*ssa.Lookup); ok && v.Index == 0 {
			out = append(out, c.names(l.X)...)
		}
	case *ssa.Lookup:
		out = append(out, c.names(v.X)...)
	case *ssa.Index:
		out = append(out, c.names(v.X)...)
	}
	return out
}

// contextNames returns, for a field or a method's result, the names of
// what it belongs to: the type and the variable or field holding it
// (route.Path, r.selectedRoute.Path, route.Path()). They can only exempt a
// name, never make one identifier-like.
func (c *Classifier) contextNames(v ssa.Value) []string {
	var base ssa.Value
	switch v := v.(type) {
	case *ssa.Field:
		base = v.X
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			base = fa.X
		}
	case *ssa.Call:
		// A method's result: what it is called on (route.Path()).
		if cc := v.Common(); cc.IsInvoke() {
			base = cc.Value
		} else if fn := cc.StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(cc.Args) > 0 {
			base = cc.Args[0]
		}
	}
	if base == nil {
		return nil
	}
	var out []string
	if n := namedOrPointee(base.Type()); n != nil {
		out = append(out, n.Obj().Name())
	}
	return append(out, c.names(base)...)
}

func (c *Classifier) addrNames(addr ssa.Value) []string {
	switch a := addr.(type) {
	case *ssa.Alloc:
		return []string{a.Comment}
	case *ssa.FreeVar:
		return []string{a.Name()}
	case *ssa.Global:
		return []string{a.Name()}
	case *ssa.FieldAddr:
		if st, ok := derefStruct(a.X.Type()); ok && a.Field < st.NumFields() {
			return []string{st.Field(a.Field).Name()}
		}
	case *ssa.IndexAddr:
		var out []string
		if pos := a.Pos(); pos.IsValid() {
			out = c.localNames(pos, 0)
		}
		switch x := a.X.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL {
				out = append(out, c.addrNames(x.X)...)
			}
		default:
			out = append(out, c.names(x)...)
		}
		return out
	}
	return nil
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// --- source positions and text ---

type localKey struct {
	pos   token.Pos
	index int
}

// index builds, once per package, the maps from the position SSA gives a
// value to its expression and to the variables it is assigned to.
func (c *Classifier) index() {
	if c.exprs != nil {
		return
	}
	c.exprs = make(map[token.Pos]ast.Expr)
	c.locals = make(map[localKey][]string)
	addLocal := func(rhs ast.Expr, i int, lhs ast.Expr) {
		id, ok := lhs.(*ast.Ident)
		if !ok || id.Name == "_" {
			return
		}
		if pos := ssaPos(rhs); pos.IsValid() {
			k := localKey{pos, i}
			c.locals[k] = append(c.locals[k], id.Name)
		}
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						addLocal(n.Rhs[i], 0, n.Lhs[i])
					}
				} else if len(n.Rhs) == 1 {
					for i := range n.Lhs {
						addLocal(n.Rhs[0], i, n.Lhs[i])
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						addLocal(n.Values[i], 0, n.Names[i])
					}
				} else if len(n.Values) == 1 {
					for i := range n.Names {
						addLocal(n.Values[0], i, n.Names[i])
					}
				}
			case ast.Expr:
				if pos := ssaPos(n); pos.IsValid() {
					if _, dup := c.exprs[pos]; !dup {
						c.exprs[pos] = n
					}
				}
			}
			return true
		})
	}
}

// ssaPos returns the position SSA gives the value of e.
func ssaPos(e ast.Expr) token.Pos {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return e.Lparen
	case *ast.BinaryExpr:
		return e.OpPos
	case *ast.UnaryExpr:
		return e.OpPos
	case *ast.StarExpr:
		return e.Star
	case *ast.SelectorExpr:
		return e.Sel.Pos()
	case *ast.IndexExpr:
		return e.Lbrack
	case *ast.IndexListExpr:
		return e.Lbrack
	case *ast.SliceExpr:
		return e.Lbrack
	case *ast.TypeAssertExpr:
		return e.Lparen
	case *ast.Ident:
		return e.Pos()
	case *ast.CompositeLit:
		return e.Lbrace
	}
	return token.NoPos
}

func (c *Classifier) localNames(pos token.Pos, index int) []string {
	c.index()
	return c.locals[localKey{pos, index}]
}

// exprPos is the start of v's expression in the source, for Related.
func (c *Classifier) exprPos(v ssa.Value) token.Pos {
	c.index()
	if e, ok := c.exprs[v.Pos()]; ok && v.Pos().IsValid() {
		return e.Pos()
	}
	return v.Pos()
}

// text renders v as the source spells it, shortened.
func (c *Classifier) text(v ssa.Value) string {
	c.index()
	if pos := v.Pos(); pos.IsValid() {
		if e, ok := c.exprs[pos]; ok {
			s := types.ExprString(e)
			if len(s) > 48 {
				s = s[:45] + "..."
			}
			return s
		}
	}
	if names := c.names(v); len(names) > 0 && names[0] != "" {
		return names[0]
	}
	return "a value"
}

func (c *Classifier) line(pos token.Pos) string {
	if !pos.IsValid() {
		return "position unknown"
	}
	return fmt.Sprintf("line %d", c.pass.Fset.Position(pos).Line)
}

// headerReaders are the callSources that read a header.
var headerReaders = map[string]bool{
	"(net/http.Header).Get":    true,
	"(net/http.Header).Values": true,
}

// responseHeader reports whether v is the Header of an *http.Response: a
// header the program received from a server it called, whose values that
// server chooses (a rate-limit resource, a content type), unlike the
// header of a request a client sent.
func responseHeader(v ssa.Value) bool {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(ptr.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Response"
}
