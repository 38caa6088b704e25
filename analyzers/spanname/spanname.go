package spanname

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/doctext"
	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
	"github.com/o11ylint/o11ylint/analyzers/internal/origin"
	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer checks span names for cardinality.
var Analyzer = &analysis.Analyzer{
	Name:      "spanname",
	Doc:       doctext.Doc("check span names for cardinality (OpenTelemetry, OpenTracing)", doc),
	URL:       "https://github.com/o11ylint/o11ylint/blob/main/docs/spanname.md",
	Requires:  []*analysis.Analyzer{lazyssa.Analyzer, origin.Analyzer},
	FactTypes: []analysis.Fact{(*HelperFact)(nil)},
	Run:       run,
}

// Rule names, the diagnostics' categories.
const (
	ruleEmpty     = "empty-span-name"
	ruleUnbounded = "unbounded-span-name"
)

var suppressOpts *suppress.Options

func init() { suppressOpts = suppress.Flags(&Analyzer.Flags, Rules...) }

// A HelperFact marks a function that forwards some of its parameters into a
// span name (directly or through other helpers): its callers are checked at
// the call site with the span-name rules.
type HelperFact struct {
	Params []HelperParam
}

// A HelperParam is a parameter of a helper that flows into a span name.
type HelperParam struct {
	Index  int    // in the SSA parameter list (receiver first)
	Direct bool   // the parameter is the whole span name, unchanged
	Call   string // the span-naming call it reaches, for messages: "trace.Tracer.Start"
	Lib    string // "otel" or "opentracing", for the fix
}

func (*HelperFact) AFact() {}

func (f *HelperFact) String() string {
	var parts []string
	for _, p := range f.Params {
		s := fmt.Sprint(p.Index)
		if p.Direct {
			s += " (direct)"
		}
		parts = append(parts, s)
	}
	return "span name from params " + strings.Join(parts, ", ")
}

// spanFormatters are calls whose function argument returns span names.
// otelhttp is not a dependency of o11ylint (its module is separate), so
// these rows live here rather than in the apis tables, whose tests resolve
// every row against the real library.
var spanFormatters = map[string]int{
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp.WithSpanNameFormatter": 0,
}

// operationNames are calls whose string argument is a span name: otelhttp's
// handler operation, used as the span name by the default formatter (so
// only checked when the options visibly hold no WithSpanNameFormatter).
var operationNames = map[string]int{
	otelhttpPkg + ".NewHandler":    1,
	otelhttpPkg + ".NewMiddleware": 0,
}

const otelhttpPkg = "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

// A site is one place where a value becomes a span name.
type site struct {
	pos    token.Pos // the name argument (or the call)
	name   ssa.Value // the value that becomes the span name
	call   string    // what names the span: "Tracer.Start", "helper startSpan"
	lib    string
	direct bool // for helpers: the argument is the whole span name
	helper string
}

type checker struct {
	pass     *analysis.Pass
	report   *suppress.Filter
	cls      *origin.Classifier
	spans    *apis.Matcher[apis.SpanNameCall]
	calls    map[token.Pos]*ast.CallExpr
	helpers  map[*ssa.Function]*HelperFact
	reported map[token.Pos]bool
	uses     map[*types.Func]useKind
	siteMemo map[*ssa.Function][]site
}

func run(pass *analysis.Pass) (any, error) {
	if !apis.UsesAny(pass.TypesInfo, append(apis.TracingPkgs, otelhttpPkg)...) && !callsHelpers(pass) {
		return nil, nil
	}
	ssaInfo := lazyssa.Of(pass)
	cls, _ := pass.ResultOf[origin.Analyzer].(*origin.Classifier)
	if ssaInfo == nil || cls == nil {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		report:   suppress.New(pass, *suppressOpts),
		cls:      cls,
		spans:    apis.NewMatcher(apis.SpanNameCalls),
		helpers:  make(map[*ssa.Function]*HelperFact),
		reported: make(map[token.Pos]bool),
		siteMemo: make(map[*ssa.Function][]site),
	}
	for _, fn := range ssaInfo.SrcFuncs { // includes function literals
		c.checkFunc(fn)
	}
	for _, fn := range ssaInfo.SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != pass.Pkg {
			continue
		}
		if f := c.helper(fn); f != nil {
			pass.ExportObjectFact(obj, f)
		}
	}
	return nil, nil
}

// callsHelpers reports whether the package calls a function of another
// package that has a HelperFact: the fast path for packages that do not
// use a tracing API themselves.
func callsHelpers(pass *analysis.Pass) bool {
	seen := make(map[types.Object]bool)
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg || seen[fn] {
			continue
		}
		seen[fn] = true
		var f HelperFact
		if pass.ImportObjectFact(fn.Origin(), &f) {
			return true
		}
	}
	return false
}

// sites returns the span-name sites among the calls of fn.
func (c *checker) sites(fn *ssa.Function) []site {
	if s, ok := c.siteMemo[fn]; ok {
		return s
	}
	c.siteMemo[fn] = nil // recursion
	var out []site
	defer func() { c.siteMemo[fn] = out }()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			out = append(out, c.callSites(call)...)
		}
	}
	return out
}

// callSites returns the span names a call sets: the name argument of a
// span-naming API, the arguments a helper forwards into span names, the
// values returned by an otelhttp span name formatter passed to the call.
func (c *checker) callSites(call ssa.CallInstruction) []site {
	common := call.Common()
	fn := apis.SSACallee(common)
	if fn == nil {
		if callee, ok := common.Value.(*ssa.Function); ok {
			return c.helperSites(call, callee, c.helper(callee))
		}
		if mc, ok := common.Value.(*ssa.MakeClosure); ok {
			if callee, ok := mc.Fn.(*ssa.Function); ok {
				return c.helperSites(call, callee, c.helper(callee))
			}
		}
		return nil
	}
	offset := 0
	if !common.IsInvoke() && fn.Signature().Recv() != nil {
		offset = 1 // static method call: the receiver is Args[0]
	}
	if row, ok := c.spans.Lookup(fn); ok {
		i := row.Name + offset
		if i < len(common.Args) {
			return []site{{pos: c.argPos(call, row.Name), name: common.Args[i], call: apis.DisplayName(fn), lib: libOf(fn)}}
		}
		return nil
	}
	key := apis.FullName(fn)
	if i, ok := operationNames[key]; ok && i < len(common.Args) && !hasFormatter(common.Args[len(common.Args)-1]) {
		return []site{{pos: c.argPos(call, i), name: common.Args[i], call: "otelhttp." + fn.Name() + " operation", lib: "otel"}}
	}
	if i, ok := spanFormatters[key]; ok && i < len(common.Args) {
		return c.formatterSites(common.Args[i])
	}
	if callee := staticCallee(common); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg == c.pass.Pkg {
		return c.helperSites(call, callee, c.helper(callee))
	}
	if common.IsInvoke() {
		return nil
	}
	var f HelperFact
	if c.pass.ImportObjectFact(fn.Origin(), &f) {
		return c.helperSites(call, nil, &f)
	}
	return nil
}

func (c *checker) helperSites(call ssa.CallInstruction, callee *ssa.Function, f *HelperFact) []site {
	if f == nil {
		return nil
	}
	common := call.Common()
	name := c.calleeName(call)
	var out []site
	for _, p := range f.Params {
		if p.Index >= len(common.Args) {
			continue
		}
		argIndex := p.Index
		if callee != nil && callee.Signature.Recv() != nil || (callee == nil && hasRecv(common)) {
			argIndex-- // the AST argument list has no receiver
		}
		out = append(out, site{
			pos:    c.argPos(call, argIndex),
			name:   common.Args[p.Index],
			call:   p.Call,
			lib:    p.Lib,
			direct: p.Direct,
			helper: name,
		})
	}
	return out
}

// hasFormatter reports whether the options slice of an otelhttp handler may
// hold a span name formatter, which makes the operation no span name: true
// unless every option is visible and none is WithSpanNameFormatter.
func hasFormatter(opts ssa.Value) bool {
	elems := origin.Elems(opts)
	if elems == nil {
		return true
	}
	for _, e := range elems {
		call, ok := e.(*ssa.Call)
		if !ok {
			return true
		}
		fn := apis.SSACallee(call.Common())
		if fn == nil {
			return true
		}
		if _, ok := spanFormatters[apis.FullName(fn)]; ok {
			return true
		}
	}
	return false
}

// staticCallee is the called function, or for an instance of a generic
// function, the generic function with its body.
func staticCallee(common *ssa.CallCommon) *ssa.Function {
	fn := common.StaticCallee()
	if fn != nil && fn.Origin() != nil {
		return fn.Origin()
	}
	return fn
}

func hasRecv(common *ssa.CallCommon) bool {
	fn := apis.SSACallee(common)
	return fn != nil && fn.Signature().Recv() != nil
}

// formatterSites returns the values a span name formatter function returns.
func (c *checker) formatterSites(v ssa.Value) []site {
	var fn *ssa.Function
	switch f := v.(type) {
	case *ssa.Function:
		fn = f
	case *ssa.MakeClosure:
		fn, _ = f.Fn.(*ssa.Function)
	}
	if fn == nil || len(fn.Blocks) == 0 {
		return nil
	}
	var out []site
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
			pos := ret.Pos()
			if rs := c.returnStmt(ret.Pos()); rs != nil && len(rs.Results) == 1 {
				pos = rs.Results[0].Pos()
			}
			out = append(out, site{pos: pos, name: ret.Results[0], call: "the otelhttp span name formatter", lib: "otel"})
		}
	}
	return out
}

func (c *checker) returnStmt(pos token.Pos) *ast.ReturnStmt {
	for _, f := range c.pass.Files {
		if f.Pos() <= pos && pos < f.End() {
			var found *ast.ReturnStmt
			ast.Inspect(f, func(n ast.Node) bool {
				if found != nil || n == nil || n.Pos() > pos || n.End() <= pos {
					return false
				}
				if rs, ok := n.(*ast.ReturnStmt); ok && rs.Return == pos {
					found = rs
					return false
				}
				return true
			})
			return found
		}
	}
	return nil
}

// helper computes the HelperFact of a function of this package: which of
// its parameters flow into span names.
func (c *checker) helper(fn *ssa.Function) *HelperFact {
	if f, ok := c.helpers[fn]; ok {
		return f
	}
	c.helpers[fn] = nil // recursion
	var f *HelperFact
	seen := make(map[int]bool)
	for _, s := range c.sites(fn) {
		if c.inPlace(fn, s) {
			continue // reported here: the callers need not be checked
		}
		_, params := c.cls.Flow(s.name)
		for _, p := range params {
			i := paramIndex(fn, p)
			if i < 0 || seen[i] {
				continue
			}
			seen[i] = true
			if f == nil {
				f = &HelperFact{}
			}
			f.Params = append(f.Params, HelperParam{
				Index:  i,
				Direct: isDirect(s.name, p) && (s.helper == "" || s.direct),
				Call:   s.call,
				Lib:    s.lib,
			})
		}
	}
	c.helpers[fn] = f
	return f
}

func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}

// isDirect reports whether v is p itself, perhaps converted.
func isDirect(v ssa.Value, p *ssa.Parameter) bool {
	for {
		switch x := v.(type) {
		case *ssa.Parameter:
			return x == p
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return false
		}
	}
}

// inPlace reports whether the name at s is reportable inside fn. A name
// that is reportable only because of fn's parameters (their names: a
// parameter orderID) is left to the callers when fn is an unexported
// function that is only ever called in this package: the arguments tell
// more than the parameter's name.
func (c *checker) inPlace(fn *ssa.Function, s site) bool {
	r := c.cls.Value(s.name)
	if !r.Class.Reportable() {
		return false
	}
	own, params := c.cls.Flow(s.name)
	if len(params) == 0 || own.Reportable() {
		return true
	}
	return !c.onlyCalled(fn)
}

// onlyCalled reports whether fn is an unexported named function of this
// package that is called somewhere and never used as a value.
func (c *checker) onlyCalled(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() || obj.Pkg() != c.pass.Pkg {
		return false
	}
	if c.uses == nil {
		c.uses = make(map[*types.Func]useKind)
		for _, f := range c.pass.Files {
			c.scanUses(f)
		}
	}
	return c.uses[obj] == usedCalled
}

type useKind int

const (
	unused useKind = iota
	usedCalled
	usedAsValue
)

// scanUses records, for the functions of this package, whether each use is a
// call (f(...), x.f(...)) or something else (a function value).
func (c *checker) scanUses(file *ast.File) {
	var stack []ast.Node
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		defer func() { stack = append(stack, n) }()
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg {
			return true
		}
		fn = fn.Origin()
		kind := usedAsValue
		var expr ast.Node = id
		parent := len(stack) - 1
		if parent >= 0 {
			if sel, ok := stack[parent].(*ast.SelectorExpr); ok && sel.Sel == id {
				expr = sel
				parent--
			}
		}
		if parent >= 0 {
			if call, ok := stack[parent].(*ast.CallExpr); ok && call.Fun == expr {
				kind = usedCalled
			}
		}
		if c.uses[fn] != usedAsValue {
			c.uses[fn] = kind
		}
		return true
	})
}

// checkFunc applies the rules to every span-name site of fn.
func (c *checker) checkFunc(fn *ssa.Function) {
	for _, s := range c.sites(fn) {
		if c.reported[s.pos] {
			continue
		}
		if c.emptySpanName(s) || c.unboundedSpanName(fn, s) {
			c.reported[s.pos] = true
		}
	}
}

// emptySpanName reports a span named by the empty string constant, at a
// span-naming call or through a helper that uses its parameter as the
// whole name. An empty name is valid to the API but useless in every
// backend: spans cannot be told apart or searched for.
func (c *checker) emptySpanName(s site) bool {
	if s.helper != "" && !s.direct {
		return false
	}
	r := c.cls.Value(s.name)
	if r.Class != origin.Constant || r.Const != `""` {
		return false
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      s.pos,
		Category: ruleEmpty,
		Message:  fmt.Sprintf("empty span name %s: name the operation with a low-cardinality constant, e.g. %q", c.where(s), "orders.process"),
	})
	return true
}

// unboundedSpanName reports a span name built from a value that the origin
// analysis classes as an unbounded source (request path, URI, query, header,
// error text, uuid, timestamp, random value) or identifier-like (userID,
// orderID, key, sql, ...), however formatted or concatenated. Names of
// unknown origin, constants, choices among constants and r.Method,
// r.Pattern are left alone. When the unbounded part comes from a parameter
// of the enclosing function, the function is a helper: its callers are
// checked instead (see HelperFact).
func (c *checker) unboundedSpanName(fn *ssa.Function, s site) bool {
	if !c.inPlace(fn, s) {
		return false // the callers' arguments decide: checked at the call sites
	}
	r := c.cls.Value(s.name)
	d := analysis.Diagnostic{
		Pos:      s.pos,
		Category: ruleUnbounded,
		Message:  fmt.Sprintf("span name %s%s is %s: built from %s; %s", c.where(s), comma(s), r.Class, r.Reason, fix(s.lib, r)),
	}
	if r.Pos.IsValid() && r.Pos != s.pos {
		d.Related = []analysis.RelatedInformation{{Pos: r.Pos, Message: "source of the " + r.Class.String() + " value"}}
	}
	c.report.Report(d)
	return true
}

func (c *checker) where(s site) string {
	if s.helper != "" {
		return "passed to " + s.helper + ", which names the span in " + s.call
	}
	return "in " + s.call
}

func comma(s site) string {
	if s.helper != "" {
		return ","
	}
	return ""
}

// fix says how to repair a name built from r.
func fix(lib string, r origin.Result) string {
	setter := func(key, val string) string {
		if lib == "opentracing" {
			return fmt.Sprintf("span.SetTag(%q, %s)", key, val)
		}
		return fmt.Sprintf("span.SetAttributes(attribute.String(%q, %s))", key, val)
	}
	expr := r.Expr
	if expr == "" {
		expr = "value"
	}
	switch {
	case r.Class == origin.Client && strings.Contains(r.What, "Host header"):
		return "a client sending made-up Host headers (scanners do) gets a span class per name; name the span by the route and put the host in an attribute: " + setter("server.address", expr)
	case r.Class == origin.Client:
		return "a client sending made-up methods gets a span class per method; map the method to the known ones (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE) and the rest to \"_OTHER\", as the OpenTelemetry HTTP conventions do, or check it before naming the span"
	case r.What == "error text":
		if lib == "opentracing" {
			return "name the operation, not its failure, and record the error on the span: ext.LogError(span, err)"
		}
		return "name the operation, not its failure, and record the error on the span: span.RecordError(err); span.SetStatus(codes.Error, \"...\")"
	case strings.Contains(r.What, "URL path"), strings.Contains(r.What, "request URI"):
		return "name server spans \"{method} {route}\" (r.Method + \" \" + r.Pattern) and record the path as an attribute: " + setter("url.path", expr)
	case strings.Contains(r.What, "query"):
		return "keep the name low-cardinality and record the query as an attribute: " + setter("url.query", expr)
	case strings.Contains(r.What, "URL"):
		return "keep the name low-cardinality (the operation or route) and record the URL as an attribute: " + setter("url.full", expr)
	}
	key := semconvKeys[r.What]
	if key == "" && r.What == "a header value" {
		if lit := quoted(expr); lit != "" {
			key = "http.request.header." + strings.ToLower(lit)
		}
	}
	if key == "" {
		key = attrKey(expr)
	}
	return "keep the name low-cardinality (the operation, not its subject) and put the value in an attribute: " + setter(key, expr)
}

// semconvKeys are the OpenTelemetry semantic-convention attribute keys for
// some unbounded sources, by origin's Result.What.
var semconvKeys = map[string]string{
	"the client address": "client.address",
	"a network address":  "network.peer.address",
	"an IP address":      "network.peer.address",
	"the user agent":     "user_agent.original",
	"the referer header": "http.request.header.referer",
}

// quoted returns the first string literal in expr, unquoted, or "".
func quoted(expr string) string {
	i := strings.IndexByte(expr, '"')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(expr[i+1:], '"')
	if j < 0 {
		return ""
	}
	return expr[i+1 : i+1+j]
}

// attrKey proposes an attribute key for the value spelled expr: the words of
// its last identifier joined by dots (orderID: order.id).
func attrKey(expr string) string {
	last := expr
	if i := strings.IndexAny(last, "(["); i >= 0 {
		last = last[:i]
	}
	if i := strings.LastIndex(last, "."); i >= 0 {
		last = last[i+1:]
	}
	ws := splitWords(last)
	if len(ws) > 1 && (ws[0] == "get" || ws[0] == "new") {
		ws = ws[1:]
	}
	if len(ws) == 0 || (len(ws) == 1 && genericWords[ws[0]]) {
		if lit := quoted(expr); lit != "" {
			return strings.ToLower(lit)
		}
		return "app.value"
	}
	if k, ok := wordKeys[ws[len(ws)-1]]; ok && len(ws) <= 2 {
		return k
	}
	return strings.Join(ws, ".")
}

// wordKeys map the last word of a value's name to a semantic-convention
// attribute key.
var wordKeys = map[string]string{
	"addr": "network.peer.address", "address": "network.peer.address", "ip": "network.peer.address",
	"path": "url.path", "url": "url.full", "uri": "url.full",
	"sql": "db.query.text", "stmt": "db.query.text", "statement": "db.query.text",
	"email": "user.email", "username": "user.name",
}

// genericWords say nothing about a value: a call named Get or String.
var genericWords = map[string]bool{"get": true, "string": true, "value": true, "text": true, "format": true, "error": true}

func splitWords(name string) []string {
	var out []string
	var cur []rune
	rs := []rune(name)
	for i, r := range rs {
		isUpper := r >= 'A' && r <= 'Z'
		isLetter := isUpper || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
		if !isLetter {
			if len(cur) > 0 {
				out = append(out, strings.ToLower(string(cur)))
				cur = nil
			}
			continue
		}
		if isUpper && len(cur) > 0 {
			prev := rs[i-1]
			prevLower := prev >= 'a' && prev <= 'z'
			nextLower := i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z'
			if prevLower || (prev >= 'A' && prev <= 'Z' && nextLower) {
				out = append(out, strings.ToLower(string(cur)))
				cur = nil
			}
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		out = append(out, strings.ToLower(string(cur)))
	}
	return out
}

func libOf(fn *types.Func) string {
	if fn.Pkg() != nil && strings.HasPrefix(fn.Pkg().Path(), apis.OpenTracingPkg) {
		return "opentracing"
	}
	return "otel"
}

// calleeName names the function a call calls, as the source spells it.
func (c *checker) calleeName(call ssa.CallInstruction) string {
	if ce := c.callExpr(call.Pos()); ce != nil {
		s := types.ExprString(ce.Fun)
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return s
	}
	if fn := call.Common().StaticCallee(); fn != nil {
		return fn.Name()
	}
	return "a helper"
}

// argPos is the position of the i-th argument of the call in the source
// (not counting a method receiver), or the call's position.
func (c *checker) argPos(call ssa.CallInstruction, i int) token.Pos {
	if ce := c.callExpr(call.Pos()); ce != nil {
		if i >= 0 && i < len(ce.Args) {
			return ce.Args[i].Pos()
		}
		return ce.Pos()
	}
	return call.Pos()
}

// callExpr finds the call expression whose Lparen is at pos.
func (c *checker) callExpr(lparen token.Pos) *ast.CallExpr {
	if !lparen.IsValid() {
		return nil
	}
	if c.calls == nil {
		c.calls = make(map[token.Pos]*ast.CallExpr)
		for _, f := range c.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if ce, ok := n.(*ast.CallExpr); ok {
					c.calls[ce.Lparen] = ce
				}
				return true
			})
		}
	}
	return c.calls[lparen]
}

// Rules are the analyzer's rule names, its diagnostic categories: what
// -spanname.disable and //nolint:spanname/RULE accept.
var Rules = []string{"empty-span-name", "unbounded-span-name", "malformed-directive"}
