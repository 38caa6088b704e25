package origin

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// The request method.
//
// net/http accepts any token as a method, so the Method of a request a
// server received is chosen by the client: Client, unless the code
// visibly narrows it to constants. What narrows it:
//
//   - the read is reached only through edges on which the method equals a
//     constant: inside case http.MethodGet, http.MethodPost:, in the then
//     branch of if r.Method == http.MethodGet, after if r.Method !=
//     http.MethodGet { return } (see methodGuards);
//   - the handler is registered only for a method (a ServeMux pattern
//     "GET /x", gorilla/mux's Route.Methods, chi's Get, Post, ...);
//   - the value is not the method at all but a choice among constants made
//     from it (a switch yielding constants, a function returning only
//     constants): that is classified as such, whatever the method.
//
// Unsure, and so Unknown: a request that is not visibly a server's (a
// parameter of a helper, an outgoing request whose method the program
// chose: a RoundTripper's, an otelhttp transport's formatter), a function
// that tests the method in a way we cannot evaluate (a map or a helper
// deciding, a comparison with a variable), and a method value shared by
// checked and unchecked uses.

// methodField is the field whose reads are classified by method.
const methodField = "(net/http.Request).Method"

const requestURIField = "(net/http.Request).RequestURI"

// clientRequest reports whether req is a request this program sends, whose
// RequestURI is always empty (net/http reads it only on requests a server
// received, and a client refuses a request that sets it): the request
// parameter of a RoundTrip method (an http.RoundTripper), or a request
// made by http.NewRequest or http.NewRequestWithContext.
func clientRequest(req ssa.Value) bool {
	switch v := req.(type) {
	case *ssa.Parameter:
		fn := v.Parent()
		return fn.Parent() == nil && apis.IsRoundTrip(fn.Name(), fn.Signature) && fn.Signature.Params().At(0) == v.Object()
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		if !ok || v.Index != 0 {
			return false
		}
		f, ok := call.Call.Value.(*ssa.Function)
		if !ok || f.Pkg == nil || f.Pkg.Pkg.Path() != "net/http" {
			return false
		}
		return f.Name() == "NewRequest" || f.Name() == "NewRequestWithContext"
	}
	return false
}

// requestMethod classifies v, a load of the Method field of the request
// base (a *net/http.Request), in v's function.
func (c *Classifier) requestMethod(v ssa.Value, base ssa.Value) res {
	instr, ok := v.(ssa.Instruction)
	if !ok || instr.Block() == nil {
		return unknown()
	}
	root := c.requestRoot(base, 0)
	block, fn := instr.Block(), instr.Parent()
	for depth := 0; ; depth++ {
		g := c.methodGuards(fn, root)
		if g.unsure {
			return unknown()
		}
		if g.guarded[block] {
			return bounded(c.text(v) + ", checked against known methods")
		}
		if fn == instr.Parent() && g.compared[v] {
			// One method value tested and used: bounded if every use is
			// on a checked path, unsure otherwise.
			if usesGuarded(v, g) {
				return bounded(c.text(v) + ", checked against known methods")
			}
			return unknown()
		}
		if fn.Parent() == nil || depth > 4 {
			break
		}
		// In a closure: the checks of the enclosing function that reach
		// the closure count too.
		mc := c.closureOf(fn)
		if mc == nil {
			break // a func literal without free variables
		}
		block, fn = mc.Block(), mc.Parent()
	}
	switch c.requestKind(root, 0) {
	case serverRequest:
		return c.sourceRes(v, source{Client, "the request method, any token the client sends"})
	case routedRequest:
		return bounded(c.text(v) + ", one of the methods its route admits")
	}
	return unknown()
}

// requestRoot returns the value a request comes from, through the local
// variable a closure captures (a load of it, assigned once) and the free
// variables of closures.
func (c *Classifier) requestRoot(v ssa.Value, depth int) ssa.Value {
	if depth > 8 {
		return v
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return v
		}
		switch a := x.X.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			if vals, ok := c.stored(a, 0); ok && len(vals) == 1 {
				return c.requestRoot(vals[0], depth+1)
			}
		}
	case *ssa.FreeVar:
		if mc := c.closureOf(x.Parent()); mc != nil {
			for i, f := range x.Parent().FreeVars {
				if f == x && i < len(mc.Bindings) {
					return c.requestRoot(mc.Bindings[i], depth+1)
				}
			}
		}
	case *ssa.Call:
		if fn := apis.SSACallee(x.Common()); fn != nil && requestCopies[apis.FullName(fn)] && len(x.Common().Args) > 0 {
			return c.requestRoot(x.Common().Args[0], depth+1)
		}
	}
	return v
}

type reqKind int

const (
	otherRequest  reqKind = iota // not visibly a request a server received
	serverRequest                // received by a server: any method
	routedRequest                // received through a route for given methods
)

// requestKind says whose request root (see requestRoot) is: a parameter
// of a handler (a function that also takes an http.ResponseWriter), or of
// a span name formatter given to otelhttp.NewHandler or NewMiddleware, is
// a server's, unless the handler is only registered for given methods.
func (c *Classifier) requestKind(root ssa.Value, depth int) reqKind {
	p, ok := root.(*ssa.Parameter)
	if !ok || !isRequestPtr(p.Type()) || p.Parent() == nil {
		return otherRequest
	}
	fn := p.Parent()
	c.scanRoutes()
	if c.routed[fn] {
		return routedRequest
	}
	if hasResponseWriter(fn) || c.serverFormatters[fn] {
		return serverRequest
	}
	return otherRequest
}

// requestCopies return a copy of their receiver request, same method.
var requestCopies = map[string]bool{
	"(*net/http.Request).WithContext": true,
	"(*net/http.Request).Clone":       true,
}

func isRequestPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && isNamed(p.Elem(), "net/http", "Request")
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// hasResponseWriter reports whether fn takes an http.ResponseWriter: a
// handler, a ServeHTTP method, a middleware's inner function.
func hasResponseWriter(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if isNamed(p.Type(), "net/http", "ResponseWriter") {
			return true
		}
	}
	return false
}

// guards are the method checks of one function on one request.
type guards struct {
	guarded  map[*ssa.BasicBlock]bool // reached only where the method equals a constant
	compared map[ssa.Value]bool       // method reads tested against constants
	cut      map[[2]*ssa.BasicBlock]bool
	unsure   bool // the method is tested in a way we cannot evaluate, or assigned
}

type guardKey struct {
	fn     *ssa.Function
	v      ssa.Value // the request root, or the tested value
	method bool
}

// methodGuards finds the blocks of fn that are reached only through an
// edge on which the method of base equals a string constant (the true
// edge of ==, the false edge of !=): remove those edges from the CFG, and
// what the entry no longer reaches is checked. A switch over the method is
// a chain of == tests; if r.Method != A && r.Method != B { return } leaves
// the rest of the function reachable only through false edges of !=.
func (c *Classifier) methodGuards(fn *ssa.Function, root ssa.Value) *guards {
	k := guardKey{fn, root, true}
	if g, ok := c.guards[k]; ok {
		return g
	}
	g := c.guardsFor(fn, func(v ssa.Value) bool { return c.isMethodRead(v, root) })
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				if c.isMethodAddr(x.Addr, root) {
					g.unsure = true // r.Method = ...: the reads say nothing
				}
			case *ssa.UnOp:
				if x.Op == token.MUL && c.isMethodAddr(x.X, root) {
					g.unsure = g.unsure || opaqueTest(x)
				}
			}
		}
	}
	c.guards[k] = g
	return g
}

// valueGuards is methodGuards for the tests of the string value v itself
// (a parameter: switch m { case "GET", "POST": return m }).
func (c *Classifier) valueGuards(fn *ssa.Function, v ssa.Value) *guards {
	k := guardKey{fn, v, false}
	if g, ok := c.guards[k]; ok {
		return g
	}
	g := c.guardsFor(fn, func(x ssa.Value) bool { return x == v })
	g.unsure = opaqueTest(v)
	c.guards[k] = g
	return g
}

// guardsFor computes the guards of fn for the values tested that match.
func (c *Classifier) guardsFor(fn *ssa.Function, match func(ssa.Value) bool) *guards {
	g := &guards{guarded: map[*ssa.BasicBlock]bool{}, compared: map[ssa.Value]bool{}, cut: map[[2]*ssa.BasicBlock]bool{}}
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 || len(b.Succs) != 2 {
			continue
		}
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		bin, ok := ifi.Cond.(*ssa.BinOp)
		if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
			continue
		}
		m, k := bin.X, bin.Y
		if _, isConst := m.(*ssa.Const); isConst {
			m, k = k, m
		}
		if !isStringConst(k) || !match(m) {
			continue
		}
		g.compared[m] = true
		if bin.Op == token.EQL {
			g.cut[[2]*ssa.BasicBlock{b, b.Succs[0]}] = true
		} else {
			g.cut[[2]*ssa.BasicBlock{b, b.Succs[1]}] = true
		}
	}
	if len(g.cut) == 0 || len(fn.Blocks) == 0 {
		return g
	}
	reached := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range b.Succs {
			if !reached[s] && !g.cut[[2]*ssa.BasicBlock{b, s}] {
				reached[s] = true
				work = append(work, s)
			}
		}
	}
	for _, b := range fn.Blocks {
		if !reached[b] && b != fn.Recover {
			g.guarded[b] = true
		}
	}
	return g
}

// edgeChecked reports whether the edge from pred to succ is taken only
// where the tested value equals a constant.
func (g *guards) edgeChecked(pred, succ *ssa.BasicBlock) bool {
	return g.guarded[pred] || g.cut[[2]*ssa.BasicBlock{pred, succ}]
}

// usesGuarded reports whether every use of the method value v other than
// its tests is in a checked block (for a phi, at the end of the edge's
// predecessor).
func usesGuarded(v ssa.Value, g *guards) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.BinOp:
			if x.Op == token.EQL || x.Op == token.NEQ {
				continue
			}
		case *ssa.Phi:
			for i, e := range x.Edges {
				if e == v && !g.edgeChecked(x.Block().Preds[i], x.Block()) {
					return false
				}
			}
			continue
		}
		if !g.guarded[ref.Block()] {
			return false
		}
	}
	return true
}

// opaqueTest reports whether the method read m is tested in a way the
// guards cannot evaluate: compared with a non-constant, looked up in a
// map, given to a function returning a bool (slices.Contains,
// strings.EqualFold, allowed(m)), or changed before a test
// (strings.ToUpper(m) == "GET").
func opaqueTest(m ssa.Value) bool {
	return opaqueUse(m, 0)
}

func opaqueUse(v ssa.Value, depth int) bool {
	refs := v.Referrers()
	if refs == nil || depth > 2 {
		return false
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.BinOp:
			if x.Op == token.EQL || x.Op == token.NEQ {
				y := x.Y
				if y == v {
					y = x.X
				}
				if !isStringConst(y) || depth > 0 {
					return true
				}
			}
		case *ssa.Lookup:
			if x.Index == v {
				return true
			}
		case *ssa.MapUpdate:
		case *ssa.Call:
			sig := x.Common().Signature()
			if sig.Results().Len() > 0 {
				if b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
					return true
				}
			}
			if fn := apis.SSACallee(x.Common()); fn != nil && caseChanges[apis.FullName(fn)] && opaqueUse(x, depth+1) {
				return true
			}
		case *ssa.MakeInterface:
			if opaqueUse(x, depth+1) {
				return true
			}
		}
	}
	return false
}

// caseChanges keep the method but change its spelling.
var caseChanges = map[string]bool{"strings.ToUpper": true, "strings.ToLower": true, "strings.TrimSpace": true}

// isMethodAddr reports whether a is the address of the Method of the
// request root.
func (c *Classifier) isMethodAddr(a ssa.Value, root ssa.Value) bool {
	fa, ok := a.(*ssa.FieldAddr)
	return ok && fieldKey(fa.X.Type(), fa.Field) == methodField && c.requestRoot(fa.X, 0) == root
}

// isMethodRead reports whether v is a load of the Method of root.
func (c *Classifier) isMethodRead(v ssa.Value, root ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	return ok && u.Op == token.MUL && c.isMethodAddr(u.X, root)
}

func isStringConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.String
}

// fieldKey is "(pkg.Type).Field" for field index of the struct (or
// pointer to struct) type t, or "".
func fieldKey(t types.Type, index int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	st, _ := t.Underlying().(*types.Struct)
	if named == nil || st == nil || index >= st.NumFields() || named.Obj().Pkg() == nil {
		return ""
	}
	return "(" + named.Obj().Pkg().Path() + "." + named.Obj().Name() + ")." + st.Field(index).Name()
}

// scanRoutes finds, once per package, the handlers registered only for
// given methods (c.routed) and the span name formatters of otelhttp
// server handlers (c.serverFormatters).
func (c *Classifier) scanRoutes() {
	if c.routed != nil {
		return
	}
	c.routed = map[*ssa.Function]bool{}
	c.serverFormatters = map[*ssa.Function]bool{}
	info := c.ssaInfo()
	if info == nil {
		return
	}
	unrouted := map[*ssa.Function]bool{}
	for _, fn := range info.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				common := call.Common()
				callee := apis.SSACallee(common)
				if callee == nil {
					continue
				}
				key := apis.FullName(callee)
				args := common.Args
				if !common.IsInvoke() && callee.Signature().Recv() != nil && len(args) > 0 {
					args = args[1:]
				}
				if r, ok := routeRegistrations[key]; ok && r.handler < len(args) {
					h := handlerFunc(args[r.handler])
					if h == nil {
						continue
					}
					switch {
					case r.pattern >= 0 && r.pattern < len(args) && methodPattern(args[r.pattern]):
						c.routed[h] = true
					case r.pattern < 0 && r.methods:
						c.routed[h] = true
					case routeMethodsCalled(call):
						c.routed[h] = true
					default:
						unrouted[h] = true
					}
				}
				if serverHandlers[key] && len(args) > 0 {
					for _, e := range Elems(args[len(args)-1]) {
						opt, ok := e.(*ssa.Call)
						if !ok {
							continue
						}
						if f := apis.SSACallee(opt.Common()); f != nil && apis.FullName(f) == otelhttpPkg+".WithSpanNameFormatter" && len(opt.Common().Args) > 0 {
							if h := handlerFunc(opt.Common().Args[0]); h != nil {
								c.serverFormatters[h] = true
							}
						}
					}
				}
			}
		}
	}
	for h := range unrouted {
		delete(c.routed, h) // also registered for every method
	}
}

// handlerFunc returns the function a handler argument is, through
// http.HandlerFunc conversions: a function of this package or a closure.
func handlerFunc(v ssa.Value) *ssa.Function {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.MakeClosure:
			fn, _ := x.Fn.(*ssa.Function)
			return fn
		case *ssa.Function:
			return x
		default:
			return nil
		}
	}
}

// methodPattern reports whether v is a ServeMux pattern constant that
// names a method ("GET /items/{id}").
func methodPattern(v ssa.Value) bool {
	if !isStringConst(v) {
		return false
	}
	p := constant.StringVal(v.(*ssa.Const).Value)
	i := strings.IndexAny(p, " \t")
	if i <= 0 {
		return false
	}
	for _, r := range p[:i] {
		if r == '/' || r == '{' {
			return false
		}
	}
	return true
}

// routeMethodsCalled reports whether the route a registration returns is
// restricted to methods (gorilla/mux: r.HandleFunc("/x", h).Methods("GET")).
func routeMethodsCalled(call *ssa.Call) bool {
	refs := call.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if c, ok := ref.(*ssa.Call); ok {
			if fn := apis.SSACallee(c.Common()); fn != nil && routeMethods[apis.FullName(fn)] {
				return true
			}
		}
	}
	return false
}

// The request host.
//
// The Host of a request a server received is the Host header (or the
// authority of an absolute request line): any name the client sends,
// scanners included, whatever names the server serves. It is Client
// unless the handler checks it: a comparison, a map lookup, a switch or a
// predicate (a call with a bool result: h.allowed(r.Host),
// strings.HasSuffix) that takes a Host read of the same request, as read
// or reshaped (strings.ToLower, fmt.Sprintf: the transforms). A request
// not visibly a server's, or a routed one (a router may match hosts), is
// Unknown.

const hostField = "(net/http.Request).Host"

// requestHost classifies v, a load of the Host field of the request base.
func (c *Classifier) requestHost(v ssa.Value, base ssa.Value) res {
	instr, ok := v.(ssa.Instruction)
	if !ok || instr.Block() == nil {
		return unknown()
	}
	root := c.requestRoot(base, 0)
	if c.requestKind(root, 0) != serverRequest {
		return unknown()
	}
	for fn := instr.Parent(); fn != nil; fn = fn.Parent() {
		if c.hostChecked(fn, root) {
			return unknown()
		}
	}
	return c.sourceRes(v, source{Client, "the Host header, any name the client sends"})
}

// hostChecked reports whether fn tests a Host read of the request root:
// compares it, looks it up in a map, switches on it or hands it to a
// predicate (a call with a bool result), also after reshaping it.
func (c *Classifier) hostChecked(fn *ssa.Function, root ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			fa, ok := instr.(*ssa.FieldAddr)
			if !ok || fieldKey(fa.X.Type(), fa.Field) != hostField || c.requestRoot(fa.X, 0) != root {
				continue
			}
			for _, ref := range *fa.Referrers() {
				if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL && c.hostTested(load, 0) {
					return true
				}
			}
		}
	}
	return false
}

// hostTested reports whether v, a host value, or a reshaping of it, is
// tested (see hostChecked).
func (c *Classifier) hostTested(v ssa.Value, depth int) bool {
	if depth > 3 || v.Referrers() == nil {
		return false
	}
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case *ssa.BinOp:
			if r.Op == token.EQL || r.Op == token.NEQ {
				return true
			}
		case *ssa.Lookup:
			if r.Index == v {
				return true
			}
		case *ssa.Call:
			if fn := apis.SSACallee(&r.Call); fn != nil {
				if _, ok := transforms[apis.FullName(fn)]; ok {
					if c.hostTested(r, depth+1) {
						return true
					}
					continue
				}
			}
			if returnsBool(r.Call.Signature()) {
				return true // a predicate: allowed(r.Host), strings.HasSuffix(r.Host, ".example.com")
			}
		}
	}
	return false
}

// returnsBool reports whether one of sig's results is a bool.
func returnsBool(sig *types.Signature) bool {
	for i := range sig.Results().Len() {
		if b, ok := sig.Results().At(i).Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			return true
		}
	}
	return false
}
