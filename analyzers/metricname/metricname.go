package metricname

import (
	_ "embed"
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/doctext"
	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
	"github.com/o11ylint/o11ylint/analyzers/internal/origin"
	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer checks metric names and label cardinality.
var Analyzer = &analysis.Analyzer{
	Name:      "metricname",
	Doc:       doctext.Doc("check metric names and label cardinality (Prometheus, OpenTelemetry, VictoriaMetrics)", doc),
	URL:       "https://github.com/o11ylint/o11ylint/blob/main/docs/metricname.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, lazyssa.Analyzer, origin.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{(*storedFact)(nil), (*deleterFact)(nil), (*tenancyFact)(nil)},
}

// Rule names, the diagnostics' categories.
const (
	ruleMetricName      = "metric-name"
	ruleOTelName        = "otel-instrument-name"
	ruleDuplicate       = "duplicate-metric"
	ruleHighCardinality = "high-cardinality-label"
)

var (
	suppressOpts *suppress.Options
	schemeFlag   = "legacy"
	labelsFlag   = ""
	tenantsFlag  = "bounded"
)

func init() {
	suppressOpts = suppress.Flags(&Analyzer.Flags, Rules...)
	Analyzer.Flags.StringVar(&schemeFlag, "scheme", schemeFlag, "metric and label name validation scheme: legacy ([a-zA-Z_:][a-zA-Z0-9_:]*, every Prometheus version) or utf8 (Prometheus 3)")
	Analyzer.Flags.StringVar(&tenantsFlag, "tenants", tenantsFlag, "bounded: tenant ids (from the multi-tenancy libraries, or in a label the metric declares as its tenant dimension) are bounded by the deployment; unbounded: report them, for a service whose tenants are its many customers")
	Analyzer.Flags.StringVar(&labelsFlag, "labels", labelsFlag, "comma-separated extra label names and attribute keys to treat as unbounded (compared lower-case, words joined by _: userID = user.id = user_id)")
}

// A checker holds the state of one pass.
type checker struct {
	pass        *analysis.Pass
	report      *suppress.Filter
	scheme      nameScheme
	extraLabels map[string]bool
	origin      *origin.Classifier
	ctors       *apis.Matcher[apis.MetricCtor]

	tenantsUnbounded bool                     // -metricname.tenants=unbounded
	tenantScoped     bool                     // the package builds on a multi-tenancy library
	stubs            map[*definition]bool     // definitions that are never registered
	shared           sharedLabels             // problems of label names shared by definitions
	deletionMethods  map[string][]*types.Func // the client_golang deletions by name, once resolved (deleters.go)
}

func run(pass *analysis.Pass) (any, error) {
	tenantScoped := tenancy(pass)
	if !apis.UsesAny(pass.TypesInfo, apis.MetricsPkgs...) {
		return nil, nil
	}
	c := &checker{
		pass:        pass,
		report:      suppress.New(pass, *suppressOpts),
		extraLabels: make(map[string]bool),
		origin:      pass.ResultOf[origin.Analyzer].(*origin.Classifier),
		ctors:       apis.NewMatcher(apis.MetricCtors),
	}
	switch schemeFlag {
	case "legacy":
		c.scheme = legacyScheme
	case "utf8":
		c.scheme = utf8Scheme
	default:
		return nil, fmt.Errorf("-metricname.scheme=%q: want legacy or utf8", schemeFlag)
	}
	for l := range strings.SplitSeq(labelsFlag, ",") {
		if l = strings.TrimSpace(l); l != "" {
			c.extraLabels[normaliseLabel(l)] = true
		}
	}

	switch tenantsFlag {
	case "bounded", "unbounded":
		c.tenantsUnbounded = tenantsFlag == "unbounded"
	default:
		return nil, fmt.Errorf("-metricname.tenants=%q: want bounded or unbounded", tenantsFlag)
	}

	c.tenantScoped = tenantScoped

	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	all := c.definitions(ins)
	c.exposure(ins, all)
	// Stubs are never registered: no rule applies to them (the value
	// checks skip them too, through c.stubs).
	c.stubs = make(map[*definition]bool)
	var defs []*definition
	for _, d := range all {
		if d.stub {
			c.stubs[d] = true
			continue
		}
		defs = append(defs, d)
	}
	for d, o := range c.observations(defs) {
		d.observed = o
	}
	names := make(map[string]bool)
	for _, d := range defs {
		if d.nameOK {
			names[d.name] = true
		}
	}
	for _, d := range defs {
		switch d.ctor.Lib {
		case apis.OTel:
			c.otelInstrumentName(d)
		default:
			c.metricName(d, names)
		}
		c.highCardinalityLabelName(d)
	}
	c.shared.report(c)
	c.duplicateMetric(defs)
	c.highCardinalityAttributeKeys(ins)
	c.highCardinalityLabelValues(all)
	return nil, nil
}

// Rules are the analyzer's rule names, its diagnostic categories: what
// -metricname.disable and //nolint:metricname/RULE accept.
var Rules = []string{"metric-name", "otel-instrument-name", "duplicate-metric", "high-cardinality-label", "malformed-directive"}

// A tenancyFact marks a package built on a multi-tenancy library: it
// imports one (apis.TenancyPkgs), directly or through a package with the
// fact. A fact rather than a walk of the import graph, because packages
// read from export data under go vet do not list all their imports.
type tenancyFact struct{}

func (*tenancyFact) AFact() {}

func (*tenancyFact) String() string { return "tenant-scoped" }

// tenancy reports whether the package is built on a multi-tenancy library,
// and exports a tenancyFact when it is.
func tenancy(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if apis.PathMatches(imp.Path(), apis.TenancyPkgs) || pass.ImportPackageFact(imp, new(tenancyFact)) {
			pass.ExportPackageFact(new(tenancyFact))
			return true
		}
	}
	return false
}
