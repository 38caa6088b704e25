// Package origin classifies where a value comes from, on SSA, for the
// analyzers that care about cardinality (metricname for label values,
// spanname for span names).
//
// Classes, from safest to worst:
//
//   - Constant: a compile-time constant.
//   - Bounded: one of a small set of values: a choice among constants, the
//     result of a function whose every return is bounded (a fact, across
//     packages), r.Pattern, an enum's String() returning constants, an
//     integer formatted from a value named like a status or code, and a
//     request method the code has checked: read where a test found it equal
//     to a constant (inside case http.MethodGet, http.MethodPost:, after
//     if r.Method != http.MethodGet { return }), or in a handler registered
//     only for given methods (a ServeMux pattern "GET /x", gorilla/mux's
//     Route.Methods, chi's Get, Post, ...). A string a function returns
//     only where a test found it equal to a constant is one of the
//     constants (switch m { case "GET", "POST": return m }; return "_OTHER").
//   - Identifier: a non-constant value named like an identifier or free text
//     (userID, orderId, id, uuid, key, token, email, username, session, url,
//     uri, path, query, sql, stmt, addr, ip), however it is formatted. A
//     number named like a shard, partition, worker, attempt, level or status
//     is not identifier-like.
//   - Unbounded: an unbounded source: request data (URL.Path, RawQuery,
//     RequestURI, Header.Get, cookies, form values, RemoteAddr), err.Error(),
//     uuid generators, time formatting, random values, and any formatting or
//     concatenation of these. A time read from a package-level variable (a
//     build date, the start time) is one value per process: Unknown.
//   - Client: a token the client chooses from an open set: the Method of a
//     request a server received (a parameter of a function that takes an
//     http.ResponseWriter, or of a span name formatter given to
//     otelhttp.NewHandler or NewMiddleware, and its WithContext and Clone
//     copies). net/http accepts any token as a method, so raw, it is as
//     many values as clients care to send; OpenTelemetry's conventions map
//     unknown methods to _OTHER. The method of any other request (an
//     outgoing one, a RoundTripper's, a helper's parameter) is the
//     program's or the caller's: Unknown, and so is a method tested in a
//     way the analysis cannot evaluate (a map, a helper) or one value
//     used both where it is checked and where it is not. The Host of a
//     request a server received is Client too (the Host header: any name
//     the client sends), unless the handler tests it (a comparison, a map
//     lookup, a predicate such as an allow-list).
//   - Tenant: the tenant (org) id of a multi-tenant server, as the
//     multi-tenancy libraries extract it (apis.TenantSources). Tenants are
//     created by the operator, not by requests: bounded by the deployment
//     like a region or a cluster, unless a user of the result says
//     otherwise (metricname's -metricname.tenants=unbounded).
//   - Unknown: everything else. Unknown is never reported.
//
// Combining: a value made of parts (concatenation, fmt.Sprintf, strings.Join,
// strconv, case changes) or choosing among them (a phi, a local variable
// assigned in several places, also from closures) takes the worst part,
// ordered Constant < Bounded < Tenant < Unknown < Client < Identifier <
// Unbounded: constants
// around an opaque part stay Unknown ("component + \".run\""), while one
// identifier-like or unbounded part makes the whole reportable. Constant
// concatenations and fmt.Sprintf/Sprint, strconv.Itoa, strings.ToLower/
// ToUpper of constants are folded into a Constant; other mixes of constants
// are Bounded. A Constant Result always carries Const.
//
// Names: a value that its computation leaves Unknown is judged by its type
// (an enum type, i.e. a named string or integer type with declared
// constants, is Bounded; an error is Unbounded unless it is a package-level
// sentinel; a time.Time is Unbounded unless it is a package-level one; a
// type named like UserID, uuid.UUID, net.IP or *url.URL is identifier-like)
// and by its names: the variable it is
// assigned to, the parameter, field, global or callee it comes from, split
// into words at camelCase humps and underscores (see [IdentifierName]). A
// name with a word for something few (shard, partition, worker, attempt,
// level, status, code, service, region, method, operation, type, kind,
// version, route, pattern, template, ...) is never identifier-like, and
// neither is a field of a struct or variable so named, or a method result
// called on one (route.Path, route.Path(),
// r.selectedRoute.Path). The route accessors of common web frameworks
// (echo's Context.Path, gin's FullPath, go-restful's SelectedRoutePath,
// gorilla/mux's GetPathTemplate, chi's RoutePattern) are Bounded.
//
// Functions: the first result of each function is summarised in a
// [ReturnsFact] (its own class and which parameters flow into it), exported
// across packages; a call is classified from the fact and its arguments, so
// func key(id int) string { return "u" + strconv.Itoa(id) } called as
// key(orderID) is identifier-like, and called as key(7) is bounded.
//
// Result.Reason is a lower-case noun phrase naming the deciding value and
// what it is, with its line, ready to follow "built from":
//
//	r.URL.Path, the raw URL path (line 12)
//	orderID, which looks like an identifier (line 30)
//	helpers.Route(r), which returns r.URL.Path, the raw URL path (line 23)
//	r.Method, the request method, any token the client sends (line 8)
//	r.Method, checked against known methods
//	one of 3 constants
//
// Result.Pos is the start of the deciding expression (for
// Diagnostic.Related) for reportable classes, token.NoPos otherwise.
//
// The API: run [Analyzer] (a Requires dependency) and use its *[Classifier]
// result ([Classifier.Value]); [Elems] and [MapEntries] read slice and map
// literals; [IdentifierName] is the name test; [ReturnsFact] is the fact.
package origin

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
)

// Class is the origin class of a value.
type Class int

const (
	Unknown    Class = iota // nothing is known: never reported
	Constant                // a compile-time constant
	Bounded                 // one of a small, fixed set of values
	Identifier              // named like an identifier or free text
	Unbounded               // from an unbounded source (request data, error text, ...)
	Tenant                  // a tenant id: bounded by the deployment, not by the code
	Client                  // a token the client chooses from an open set: the request method
)

func (c Class) String() string {
	switch c {
	case Constant:
		return "constant"
	case Bounded:
		return "bounded"
	case Identifier:
		return "identifier-like"
	case Unbounded:
		return "unbounded"
	case Tenant:
		return "tenant"
	case Client:
		return "client-chosen"
	}
	return "unknown"
}

// Reportable reports whether values of class c make a high-cardinality finding.
func (c Class) Reportable() bool { return c == Identifier || c == Unbounded || c == Client }

// A Result is the class of a value with the chain of why.
type Result struct {
	Class Class
	// Reason says why, in lower case, naming the deciding value:
	// "orderID looks like an identifier", "from r.URL.Path, the raw request path".
	Reason string
	// Pos is where the deciding value comes from (for Diagnostic.Related),
	// or token.NoPos.
	Pos token.Pos
	// Const holds the value when Class is Constant and the value is a
	// string or integer constant (formatted as Go source would print it).
	Const string
	// Expr is the deciding expression as the source spells it (shortened),
	// and What says what it is ("the raw URL path", "error text", "an
	// identifier", "a timestamp"), for reportable classes.
	Expr, What string
}

// A Classifier classifies SSA values of one package. Its methods are not
// safe for concurrent use.
type Classifier struct {
	// mu serialises classification: the Classifier is the origin
	// analyzer's result, shared by the analyzers that require it, which a
	// driver may run at the same time on one package.
	mu       sync.Mutex
	pass     *analysis.Pass
	ssa      *lazyssa.SSA
	memo     map[ssa.Value]res
	busy     map[ssa.Value]bool
	funcs    map[*ssa.Function]*ReturnsFact
	closures map[*ssa.Function]*ssa.MakeClosure
	enums    map[*types.TypeName]bool
	enumPkgs map[*types.Package]bool
	globals  map[*ssa.Global][]ssa.Value
	exprs    map[token.Pos]ast.Expr
	locals   map[localKey][]string
	guards   map[guardKey]*guards
	// routed are the handlers registered only for given methods,
	// serverFormatters the span name formatters of otelhttp server
	// handlers (scanRoutes).
	routed, serverFormatters map[*ssa.Function]bool
}

// Value classifies v.
func (c *Classifier) Value(v ssa.Value) Result {
	if v == nil {
		return Result{Class: Unknown}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.classify(v).Result
}

// Flow returns the class of v without the contribution of its function's
// parameters (Constant when only parameters and constants make it up) and
// the parameters that flow into v by formatting, concatenation, choice or
// through called functions. Helpers that forward a parameter somewhere (a
// span name) use it to leave the parameter's part to their callers.
func (c *Classifier) Flow(v ssa.Value) (own Class, params []*ssa.Parameter) {
	if v == nil {
		return Unknown, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.classify(v)
	own = r.own
	if own == none {
		own = Constant
	}
	if r.params == 0 {
		return own, nil
	}
	var fn *ssa.Function
	switch v := v.(type) {
	case *ssa.Parameter:
		fn = v.Parent()
	case ssa.Instruction:
		fn = v.Parent()
	}
	if fn == nil {
		return own, nil
	}
	for i, p := range fn.Params {
		if i < 64 && r.params&(1<<i) != 0 {
			params = append(params, p)
		}
	}
	return own, params
}

// ReturnsFact summarises the first result of a function whose result can
// be a name or id (a string, integer, byte slice or interface): the class
// of what the function contributes by itself, and the parameters that flow
// into the result (formatted, concatenated or chosen). At a call, the result
// is the worst of Class and the classes of the arguments in Params.
// With Params, a Constant Class has no Const: the constant parts are mixed
// with the arguments. OnlyParams says the result is nothing but one of the
// parameters (func id(s string) string { return s }).
type ReturnsFact struct {
	Class      Class
	Reason     string // for a reportable Class
	Const      string // for Constant without Params: the constant, as Go source prints it
	Params     []int  // indexes of the parameters that flow in (receiver first)
	OnlyParams bool   // the function adds nothing of its own
	What       string // what the deciding value is, for a reportable Class
}

func (*ReturnsFact) AFact() {}

func (f *ReturnsFact) String() string {
	s := "returns " + f.Class.String()
	if f.OnlyParams {
		s = "returns"
	}
	if f.Const != "" {
		s += " " + f.Const
	}
	if len(f.Params) > 0 {
		s += fmt.Sprintf(" with params %v", f.Params)
	}
	return s
}

// Analyzer computes the facts the classifier needs across packages (what
// each function returns) and provides a *Classifier.
var Analyzer = &analysis.Analyzer{
	Name:       "origin",
	Doc:        "classifies where values come from (constant, bounded, identifier-like, unbounded) for o11ylint's cardinality rules",
	URL:        "https://github.com/o11ylint/o11ylint/blob/main/analyzers/internal/origin",
	Requires:   []*analysis.Analyzer{lazyssa.Analyzer},
	ResultType: reflect.TypeOf((*Classifier)(nil)),
	FactTypes:  []analysis.Fact{(*ReturnsFact)(nil)},
	Run:        run,
}

// newClassifier returns a classifier for the pass's package, whose SSA
// form lazy builds on demand; lazy may be nil when only Elems-free
// classification of other values is needed.
func newClassifier(pass *analysis.Pass, lazy *lazyssa.SSA) *Classifier {
	return &Classifier{
		pass:     pass,
		ssa:      lazy,
		memo:     make(map[ssa.Value]res),
		busy:     make(map[ssa.Value]bool),
		funcs:    make(map[*ssa.Function]*ReturnsFact),
		closures: make(map[*ssa.Function]*ssa.MakeClosure),
		enums:    make(map[*types.TypeName]bool),
		enumPkgs: make(map[*types.Package]bool),
		guards:   make(map[guardKey]*guards),
	}
}

func run(pass *analysis.Pass) (any, error) {
	lazy, _ := pass.ResultOf[lazyssa.Analyzer].(*lazyssa.SSA)
	c := newClassifier(pass, lazy)
	if !declaresSummarizable(pass) {
		return c, nil // SSA is left to the analyzers that ask for a classification
	}
	ssaInfo := c.ssaInfo()
	if ssaInfo == nil {
		return c, nil
	}
	for _, fn := range ssaInfo.SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != pass.Pkg || fn.Signature.Results().Len() == 0 {
			continue
		}
		if !summarizable(fn.Signature.Results().At(0).Type()) {
			continue
		}
		s := c.summary(fn)
		if s == nil || (s.Class == Unknown && len(s.Params) == 0) {
			continue
		}
		pass.ExportObjectFact(obj, s)
	}
	return c, nil
}

// declaresSummarizable reports whether the package declares a function or
// method with a body whose first result is summarizable: the only
// functions that get a ReturnsFact. A package without one exports no fact,
// so it needs SSA only if an analyzer asks for a classification.
func declaresSummarizable(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if res := obj.Signature().Results(); res.Len() > 0 && summarizable(res.At(0).Type()) {
				return true
			}
		}
	}
	return false
}
