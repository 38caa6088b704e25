package metricname_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/analyzers/internal/origin"
	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
	"github.com/o11ylint/o11ylint/analyzers/metricname"
)

func TestMetricName(t *testing.T) {
	testkit.Run(t, metricname.Analyzer, "./consts", "./names", "./dup", "./cardinality", "./generic", "./exposure", "./tenantscoped", "./tenantscopedweave", "./gokit", "./crosspkg/...")
}

// TestFlags runs the fixtures that need non-default flags.
func TestFlags(t *testing.T) {
	for _, tc := range []struct{ flag, value, pkg string }{
		{"labels", "shard_key,customer.tier", "./flaglabels"},
		{"scheme", "utf8", "./flagutf8"},
		{"tenants", "unbounded", "./flagtenants"},
	} {
		f := metricname.Analyzer.Flags.Lookup(tc.flag)
		old := f.Value.String()
		if err := f.Value.Set(tc.value); err != nil {
			t.Fatal(err)
		}
		testkit.Run(t, metricname.Analyzer, tc.pkg)
		f.Value.Set(old)
	}
}

// BenchmarkFixtures runs the analyzer (with its buildssa and origin
// dependencies) on the fixture module, whose packages all take the slow path.
func BenchmarkFixtures(b *testing.B) {
	dir := testkit.Dir(b)
	testkit.Download(b, dir)
	testkit.Bench(b, dir, []*analysis.Analyzer{metricname.Analyzer}, "./...")
}

// BenchmarkNetHTTP measures a large package that uses no metrics library:
// the fast path.
func BenchmarkNetHTTP(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{metricname.Analyzer}, "net/http")
}

// BenchmarkFixturesBaseline runs only the dependencies (buildssa, origin):
// the difference to BenchmarkFixtures is metricname's own cost.
func BenchmarkFixturesBaseline(b *testing.B) {
	dir := testkit.Dir(b)
	testkit.Download(b, dir)
	testkit.Bench(b, dir, []*analysis.Analyzer{origin.Analyzer}, "./...")
}

// TestDoc checks that the analyzer's Doc, taken from doc.go, has a section
// (a "# rule" heading, the anchor of docs/metricname.md) for every rule.
func TestDoc(t *testing.T) {
	doc := metricname.Analyzer.Doc
	if !strings.HasPrefix(doc, "check metric names") {
		t.Errorf("Doc starts %.40q", doc)
	}
	for _, rule := range []string{"metric-name", "otel-instrument-name", "duplicate-metric", "high-cardinality-label"} {
		if !strings.Contains(doc, "# "+rule+"\n") {
			t.Errorf("Doc does not describe rule %s", rule)
		}
	}
}
