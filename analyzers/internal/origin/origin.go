// Package origin classifies where a value comes from, on SSA, for the
// analyzers that care about cardinality (metricname for label values,
// spanname for span names).
//
// Classes, from safest to worst:
//
//   - Constant: a compile-time constant.
//   - Bounded: one of a small set of values: a choice among constants, the
//     result of a function whose every return is bounded (a fact, across
//     packages), r.Method, r.Pattern, an enum's String() returning
//     constants, an integer formatted from a value named like a status or code.
//   - Identifier: a non-constant value named like an identifier or free text
//     (userID, orderId, id, uuid, key, token, email, username, session, url,
//     uri, path, query, sql, stmt, addr, ip), however it is formatted. A
//     number named like a shard, partition, worker, attempt, level or status
//     is not identifier-like.
//   - Unbounded: an unbounded source: request data (URL.Path, RawQuery,
//     RequestURI, Header.Get, cookies, form values, RemoteAddr), err.Error(),
//     uuid generators, time formatting, random values, and any formatting or
//     concatenation of these.
//   - Unknown: everything else. Unknown is never reported.
//
// The API is small: run [Analyzer] (a Requires dependency) and use its
// *[Classifier] result.
package origin

import (
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"
)

// Class is the origin class of a value.
type Class int

const (
	Unknown    Class = iota // nothing is known: never reported
	Constant                // a compile-time constant
	Bounded                 // one of a small, fixed set of values
	Identifier              // named like an identifier or free text
	Unbounded               // from an unbounded source (request data, error text, ...)
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
	}
	return "unknown"
}

// Reportable reports whether values of class c make a high-cardinality finding.
func (c Class) Reportable() bool { return c == Identifier || c == Unbounded }

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
}

// A Classifier classifies SSA values of one package. Its methods are not
// safe for concurrent use.
type Classifier struct {
	pass *analysis.Pass
	memo map[ssa.Value]Result
}

// Value classifies v.
func (c *Classifier) Value(v ssa.Value) Result {
	if r, ok := c.memo[v]; ok {
		return r
	}
	r := Result{Class: Unknown}
	if k, ok := v.(*ssa.Const); ok && k.Value != nil {
		r = Result{Class: Constant, Const: k.Value.ExactString()}
	}
	c.memo[v] = r
	return r
}

// Elems returns the element values of a slice built from a literal or
// variadic argument list (new [n]T, stores to its elements, slice), in
// order, or nil if v is not such a slice or an element is not known.
func Elems(v ssa.Value) []ssa.Value { return nil }

// MapEntries returns the entries of a map built from a composite literal
// with constant string keys (MakeMap followed by MapUpdates), or nil.
func MapEntries(v ssa.Value) map[string]ssa.Value { return nil }

// Analyzer computes the facts the classifier needs across packages (which
// functions return only bounded values) and provides a *Classifier.
var Analyzer = &analysis.Analyzer{
	Name:       "origin",
	Doc:        "classifies where values come from (constant, bounded, identifier-like, unbounded) for o11ylint's cardinality rules",
	URL:        "https://github.com/o11ylint/o11ylint/blob/main/analyzers/internal/origin",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	ResultType: reflect.TypeOf((*Classifier)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return &Classifier{pass: pass, memo: make(map[ssa.Value]Result)}, nil
	},
}
