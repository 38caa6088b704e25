package apis_test

import (
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"

	// The libraries whose rows must resolve, pinned by the root go.mod.
	_ "github.com/VictoriaMetrics/metrics"
	_ "github.com/go-kit/kit/metrics/discard"
	_ "github.com/go-kit/kit/metrics/expvar"
	_ "github.com/go-kit/kit/metrics/graphite"
	_ "github.com/go-kit/kit/metrics/prometheus"
	_ "github.com/go-kit/kit/metrics/statsd"
	_ "github.com/grafana/dskit/tenant"
	_ "github.com/grafana/dskit/user"
	_ "github.com/opentracing/opentracing-go"
	_ "github.com/prometheus/client_golang/prometheus/promauto"
	_ "github.com/weaveworks/common/user"
	_ "go.opentelemetry.io/otel/metric"
	_ "go.opentelemetry.io/otel/trace"
	_ "golang.org/x/sync/errgroup"
)

// keys returns the full names of every row of every table.
func keys() map[string]string {
	out := make(map[string]string)
	add := func(table string, ks []string) {
		for _, k := range ks {
			out[k] = table
		}
	}
	add("CancelCtors", mapKeys(apis.CancelCtors))
	add("CtxDerivers", mapKeys(apis.CtxDerivers))
	add("CtxRoots", mapKeys(apis.CtxRoots))
	add("GroupCtors", mapKeys(apis.GroupCtors))
	add("CtxValueReaders", mapKeys(apis.CtxValueReaders))
	add("CtxSignals", mapKeys(apis.CtxSignals))
	add("RequestCtx", mapKeys(apis.RequestCtx))
	add("CtxReplacers", mapKeys(apis.CtxReplacers))
	add("Joiners", mapKeys(apis.Joiners))
	add("Timers", mapKeys(apis.Timers))
	add("NilChanTimers", mapKeys(apis.NilChanTimers))
	add("Locks", mapKeys(apis.Locks))
	add("ErrorCtors", mapKeys(apis.ErrorCtors))
	add("Conds", mapKeys(apis.Conds))
	add("MetricCtors", mapKeys(apis.MetricCtors))
	add("LabelValueCalls", mapKeys(apis.LabelValueCalls))
	add("MetricWrappers", mapKeys(apis.MetricWrappers))
	add("AttrOptions", mapKeys(apis.AttrOptions))
	add("AttrCtors", mapKeys(apis.AttrCtors))
	add("AttrSetCtors", mapKeys(apis.AttrSetCtors))
	add("OTelInstrumentOpts", mapKeys(apis.OTelInstrumentOpts))
	add("SpanNameCalls", mapKeys(apis.SpanNameCalls))
	add("PathEnds", mapKeys(apis.PathEnds))
	add("Registrations", mapKeys(apis.Registrations))
	add("VecDeletes", mapKeys(apis.VecDeletes))
	add("TenantSources", mapKeys(apis.TenantSources))
	return out
}

func mapKeys[R any](t apis.Table[R]) []string {
	var ks []string
	for k := range t {
		ks = append(ks, k)
	}
	return ks
}

// TestRowsResolve loads every package the tables name, at the versions the
// root go.mod pins, and checks that each row names a real function whose
// full name is the row's key, and that a Matcher's fast filter (MayMatch)
// lets it through. A row that no longer resolves fails here.
func TestRowsResolve(t *testing.T) {
	all := keys()
	if len(all) < 100 {
		t.Fatalf("only %d rows gathered from the tables: a table is missing from keys()", len(all))
	}
	paths := make(map[string]bool)
	for k := range all {
		paths[pkgOf(k)] = true
	}
	var patterns []string
	for p := range paths {
		patterns = append(patterns, p)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*types.Package)
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("loading %s: %v", p.PkgPath, p.Errors)
		}
		byPath[p.PkgPath] = p.Types
	}
	for key, table := range all {
		fn := resolve(byPath[pkgOf(key)], key)
		if fn == nil {
			t.Errorf("%s: row %q does not resolve to a function", table, key)
			continue
		}
		if got := apis.FullName(fn); got != key {
			t.Errorf("%s: row %q resolves to %q", table, key, got)
		}
		if !apis.NewMatcher(apis.Table[string]{key: table}).MayMatch(fn) {
			t.Errorf("%s: MayMatch filters out the function of row %q", table, key)
		}
	}
}

// pkgOf returns the package path of a full name.
func pkgOf(key string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(key, "("), "*")
	if i := strings.Index(s, ")."); i >= 0 {
		s = s[:i]
	}
	return s[:strings.LastIndex(s, ".")]
}

func resolve(pkg *types.Package, key string) *types.Func {
	if pkg == nil {
		return nil
	}
	if !strings.HasPrefix(key, "(") {
		fn, _ := pkg.Scope().Lookup(key[strings.LastIndex(key, ".")+1:]).(*types.Func)
		return fn
	}
	i := strings.Index(key, ").")
	recv, method := key[1:i], key[i+2:]
	ptr := strings.HasPrefix(recv, "*")
	recv = strings.TrimPrefix(recv, "*")
	tn, _ := pkg.Scope().Lookup(recv[strings.LastIndex(recv, ".")+1:]).(*types.TypeName)
	if tn == nil {
		return nil
	}
	var T types.Type = tn.Type()
	if ptr {
		T = types.NewPointer(T)
	}
	obj, _, _ := types.LookupFieldOrMethod(T, true, pkg, method)
	fn, _ := obj.(*types.Func)
	return fn
}

func TestUsesAnyPatterns(t *testing.T) {
	for _, tc := range []struct {
		path     string
		patterns []string
		want     bool
	}{
		{"context", []string{"context"}, true},
		{"context/sub", []string{"context"}, false},
		{"go.opentelemetry.io/otel/metric/noop", []string{"go.opentelemetry.io/otel/metric/..."}, true},
		{"go.opentelemetry.io/otel/metricx", []string{"go.opentelemetry.io/otel/metric/..."}, false},
	} {
		if got := apis.PathMatches(tc.path, tc.patterns); got != tc.want {
			t.Errorf("PathMatches(%q, %q) = %v, want %v", tc.path, tc.patterns, got, tc.want)
		}
	}
}
