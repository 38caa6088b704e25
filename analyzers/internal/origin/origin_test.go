package origin_test

import (
	"fmt"
	"go/token"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
	"github.com/o11ylint/o11ylint/analyzers/internal/origin"
	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
)

// probe reports the class of the argument of every call of fixtures/mark.S,
// the elements of mark.Slice's argument and the entries of mark.Map's.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "test probe for the origin analysis",
	Requires: []*analysis.Analyzer{lazyssa.Analyzer, origin.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		c := pass.ResultOf[origin.Analyzer].(*origin.Classifier)
		for _, fn := range lazyssa.Of(pass).SrcFuncs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok {
						continue
					}
					callee := call.Common().StaticCallee()
					if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "fixtures/mark" {
						continue
					}
					arg := call.Common().Args[0]
					switch callee.Name() {
					case "S":
						if mi, ok := arg.(*ssa.MakeInterface); ok {
							arg = mi.X
						}
						pass.Reportf(call.Pos(), "%s", describe(pass, c.Value(arg)))
					case "Slice":
						elems := origin.Elems(arg)
						if elems == nil {
							pass.Reportf(call.Pos(), "elems unknown")
							continue
						}
						var parts []string
						for _, e := range elems {
							parts = append(parts, c.Value(e).Class.String())
						}
						pass.Reportf(call.Pos(), "elems [%s]", strings.Join(parts, " "))
					case "Map":
						entries := origin.MapEntries(arg)
						var keys []string
						for k := range entries {
							keys = append(keys, k)
						}
						sort.Strings(keys)
						var parts []string
						for _, k := range keys {
							parts = append(parts, k+"="+c.Value(entries[k]).Class.String())
						}
						pass.Reportf(call.Pos(), "entries [%s]", strings.Join(parts, " "))
					}
				}
			}
		}
		return nil, nil
	},
}

func describe(pass *analysis.Pass, r origin.Result) string {
	s := r.Class.String()
	if r.Const != "" {
		s += " " + r.Const
	}
	if r.Reason != "" {
		s += ": " + r.Reason
	}
	if r.Pos != token.NoPos {
		s += fmt.Sprintf(" @%d", pass.Fset.Position(r.Pos).Line)
	}
	return s
}

func TestClasses(t *testing.T) { testkit.Run(t, probe, "./classes", "./callers") }

func TestFacts(t *testing.T) { testkit.Run(t, origin.Analyzer, "./helpers") }

func TestWords(t *testing.T) {
	for name, want := range map[string]bool{
		"userID": true, "orderId": true, "id": true, "uuid": true, "key": true, "token": true,
		"email": true, "username": true, "session": true, "url": true, "uri": true, "path": true,
		"query": true, "sql": true, "stmt": true, "addr": true, "ip": true, "order_id": true,
		"reqPath": true, "clientIP": true, "URLPath": true, "GetId": true, "RequestURI": true,
		"valid": false, "provider": false, "keyspace": false, "pathology": false, "identity": false,
		"shardID": false, "partitionKey": false, "workerID": false, "attemptID": false,
		"levelKey": false, "statusID": false, "method": false, "route": false, "name": false,
		"component": false, "ID": true, "IPAddr": true, "skipped": false, "squid": false,
	} {
		if got := origin.IdentifierName(name); got != want {
			t.Errorf("IdentifierName(%q) = %v, want %v", name, got, want)
		}
	}
}

// BenchmarkOrigin runs the origin analysis (facts for every function of
// net/http and its dependencies) on net/http.
func BenchmarkOrigin(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{origin.Analyzer}, "net/http")
}

// BenchmarkBuildSSA is the baseline of BenchmarkOrigin: building SSA alone
// for the same packages (net/http and all its dependencies, as an analyzer
// with facts needs).
func BenchmarkBuildSSA(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{ssaOnly}, "net/http")
}

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "none" }

var ssaOnly = &analysis.Analyzer{
	Name:      "ssaonly",
	Doc:       "builds SSA for every package, like an analyzer with facts",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{(*noFact)(nil)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}
