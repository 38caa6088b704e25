package metricname

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// metricName checks the full name, help and label names of a client_golang
// or VictoriaMetrics/metrics definition whose name is a constant
// (rule metric-name):
//   - the name is not empty (BuildFQName gives "" when Name is empty) and
//     matches [a-zA-Z_:][a-zA-Z0-9_:]* (-metricname.scheme=legacy) or is
//     valid UTF-8 (utf8); a VictoriaMetrics name follows that library's
//     grammar, name{label="value",...};
//   - no ':' (reserved for recording rules), no camelCase;
//   - a counter ends in _total, a gauge, histogram or summary does not;
//   - _bucket, _count and _sum, and the labels le and quantile, are left
//     to the types that generate them; the type is not in the name;
//   - units are base units (seconds, bytes), not abbreviated (promlint's
//     tables);
//   - the help text is not empty;
//   - label names are valid, not reserved (__), not camelCase;
//   - a metric that records durations or Unix timestamps says so in base
//     units (observedUnitProblem, units.go).
//
// A Desc (NewDesc) has no type until a metric is made from it, so the rules
// about types are not applied to it. Non-constant parts are not checked. The
// type in a name is accepted when the package also defines the name without
// it (names: the package's constant full names), since the word then keeps
// two metrics apart.
func (c *checker) metricName(d *definition, names map[string]bool) {
	if !d.nameOK {
		return
	}
	vm := d.ctor.Lib == apis.VictoriaMetrics
	if vm && d.vmErr != nil {
		c.report.Reportf(d.namePos, ruleMetricName, "VictoriaMetrics/metrics name %q %s: the constructor panics on it; write name{label=\"value\",...}", d.name, d.vmErr)
		return
	}
	var ps problems
	kind := d.ctor.Kind
	if d.asGauge {
		kind = apis.Untyped // goes down: no counter suffix rules
	}
	if d.asCounter != "" && d.name != "" {
		// The type contradicts the use: say that first, and check the
		// name as the counter it is.
		kind = apis.Counter
		ps.add(d.namePos, fmt.Sprintf("gauge %q is a counter built with the wrong constructor: %s; build it with prometheus.NewCounter, so that rate() and increase() treat restarts as resets", d.name, d.asCounter))
	}
	if d.name == "" && d.registries != nil && len(d.registries) == 0 {
		// Registering a nameless collector fails (MustRegister panics), so
		// one that reaches no registry here is a value holder on purpose:
		// its samples are read in process (Write), never exposed.
		return
	}
	for _, p := range promNameProblems(d.name, kind, c.scheme, vm, func(n string) bool { return names[n] }) {
		ps.add(d.namePos, p)
	}
	if d.name != "" {
		if d.ctor.Lib == apis.Prometheus && d.helpOK && strings.TrimSpace(d.help) == "" {
			ps.add(d.helpPos, fmt.Sprintf("metric %q has no help text: set Help to what it measures and in which unit, /metrics readers and promlint expect it", d.name))
		}
		scheme := c.scheme
		if vm {
			scheme = utf8Scheme // the VictoriaMetrics grammar was checked by parseVMName
		}
		for _, l := range d.labels {
			if _, unbounded := c.unboundedLabelName(l.name); unbounded && !d.isManaged(l.name) {
				continue // reported as high-cardinality: dropping it fixes both
			}
			for _, p := range labelNameProblems(l.name, d.name, d.ctor.Kind, scheme) {
				if d.outside(l) {
					c.shared.add(l, ruleMetricName, p, fmt.Sprintf(" of %q", d.name))
					continue
				}
				ps.add(l.pos, p)
			}
		}
	}
	var more []analysis.RelatedInformation
	if o := d.observed; o != nil && d.name != "" {
		if p := observedUnitProblem(d, o, c.pass.Fset.Position(o.pos).Line); p != "" {
			ps.add(d.namePos, p)
			more = append(more, analysis.RelatedInformation{Pos: o.pos, Message: "the value is recorded here"})
		}
	}
	c.reportProblems(d, ruleMetricName, ps, more...)
}

// problems are the problems of one definition under one rule, reported as
// one finding: at the first one's position, the others as related
// positions when they are elsewhere.
type problems []analysis.RelatedInformation

func (ps *problems) add(pos token.Pos, msg string) {
	*ps = append(*ps, analysis.RelatedInformation{Pos: pos, Message: msg})
}

// reportProblems reports ps, the problems of d under rule, as one finding.
func (c *checker) reportProblems(d *definition, rule string, ps problems, more ...analysis.RelatedInformation) {
	if len(ps) == 0 {
		return
	}
	msgs := make([]string, len(ps))
	var related []analysis.RelatedInformation
	for i, p := range ps {
		msgs[i] = p.Message
		if i > 0 && c.pass.Fset.Position(p.Pos).Line != c.pass.Fset.Position(ps[0].Pos).Line {
			related = append(related, p)
		}
	}
	if ps[0].Pos == d.namePos {
		related = append(related, d.nameFrom...)
	}
	related = append(related, more...)
	c.report.Report(analysis.Diagnostic{Pos: ps[0].Pos, Category: rule, Message: strings.Join(msgs, "; "), Related: related})
}

// otelInstrumentName checks an OTel instrument name that is a constant
// (rule otel-instrument-name): the API's syntax, ALPHA 0*254 ("_" / "." /
// "-" / "/" / ALPHA / DIGIT) (the SDK logs and still exports names that
// break it, so nothing fails visibly), then the semantic conventions: lower
// case, no _total suffix, no unit word at the end of the name when
// metric.WithUnit gives the unit.
func (c *checker) otelInstrumentName(d *definition) {
	if !d.nameOK {
		return
	}
	if why := otelNameError(d.name); why != "" {
		c.reportName(d, ruleOTelName, fmt.Sprintf("instrument name %q %s: the OpenTelemetry API requires ALPHA 0*254 (\"_\" / \".\" / \"-\" / \"/\" / ALPHA / DIGIT), the SDK drops or mangles such names; use a lower-case dotted name like http.server.request.duration", d.name, why))
		return
	}
	var ps problems
	for _, p := range otelConventionProblems(d.name, d.unit) {
		ps.add(d.namePos, p)
	}
	c.reportProblems(d, ruleOTelName, ps)
}

// reportName reports a problem of d's name, with the constants the name is
// made of as related positions.
func (c *checker) reportName(d *definition, rule, msg string) {
	c.report.Report(analysis.Diagnostic{Pos: d.namePos, Category: rule, Message: msg, Related: d.nameFrom})
}

// duplicateMetric reports a client_golang metric whose constant full name
// is defined by a second constructor call of the same package that can be
// registered on the same registry (rule duplicate-metric): registering both
// panics (MustRegister) or returns AlreadyRegisteredError. Both clash when
// they share a registry (see exposure.go): the default one (promauto,
// prometheus.MustRegister), or one registerer value
// inside one function. Definitions in constructors that each take their own
// Registerer, stubs, a Desc (collectors make one per Describe and Collect),
// test files and OTel instruments of the same name (the same instrument) do
// not clash.
func (c *checker) duplicateMetric(defs []*definition) {
	first := make(map[string][]*definition)
	for _, d := range defs {
		if d.ctor.Lib != apis.Prometheus || d.ctor.Kind == apis.KindUnknown || !d.nameOK || d.name == "" || len(d.registries) == 0 {
			continue
		}
		var clash *definition
		var why string
		for _, f := range first[d.name] {
			if !f.sharesRegistry(d) {
				continue
			}
			if w, ok := registryClash(f, d); ok {
				clash, why = f, w
				break
			}
		}
		if clash == nil {
			first[d.name] = append(first[d.name], d)
			continue
		}
		line := c.pass.Fset.Position(clash.call.Pos()).Line
		where := "the default registry"
		if !clash.registries[defaultRegistry] || !d.registries[defaultRegistry] {
			where = "the same registerer"
		}
		msg := fmt.Sprintf("metric %q is already defined at line %d and both are registered on %s: the second registration panics with a duplicate-registration error (or Register returns AlreadyRegisteredError); define it once and share it, or give each its own name", d.name, line, where)
		if why != "" {
			msg = fmt.Sprintf("metric %q is already defined at line %d with other constant label values but %s, and both are registered on %s: the registry requires one help string and one set of label names per metric name, so the second registration panics (Register returns an error); give both the same help and label names, or each its own name", d.name, line, why, where)
		}
		c.report.Report(analysis.Diagnostic{
			Pos:      d.namePos,
			Category: ruleDuplicate,
			Message:  msg,
			Related:  []analysis.RelatedInformation{{Pos: clash.namePos, Message: "first definition"}},
		})
	}
}

// sharesRegistry reports whether d and f are registered on a common
// registry.
func (d *definition) sharesRegistry(f *definition) bool {
	for r := range d.registries {
		if f.registries[r] {
			return true
		}
	}
	return false
}

// registryClash reports whether a registry that holds f rejects d of the
// same name, as client_golang's Registry.Register does: a descriptor is
// identified by its name and constant label values, so the same values
// (none at all included) are a duplicate (why ""); different constant
// values are another series of the same metric, accepted when help and
// label names agree, and otherwise rejected for inconsistency (why says
// what differs). Constant labels whose keys or values are not constants
// leave the identity unknown: no clash.
func registryClash(f, d *definition) (why string, clash bool) {
	if !f.constOK || !d.constOK {
		return "", false
	}
	if slices.Equal(f.constValues, d.constValues) {
		return "", true
	}
	switch {
	case f.helpOK && d.helpOK && f.help != d.help:
		return "a different help string", true
	case f.labelsOK && d.labelsOK && !slices.Equal(labelSet(f), labelSet(d)):
		return "different label names", true
	}
	return "", false
}

// labelSet returns the sorted names of all labels of d, constant and
// variable.
func labelSet(d *definition) []string {
	var names []string
	for _, l := range d.labels {
		names = append(names, l.name)
	}
	sort.Strings(names)
	return names
}

// skip reports whether pos is in a file that is not checked: a generated
// file (unless -metricname.generated) or a _test.go file, whose metrics are
// throw-away fixtures (empty Opts, duplicate names, ids as label values).
func (c *checker) skip(pos token.Pos) bool {
	return c.report.Generated(pos) || strings.HasSuffix(c.pass.Fset.Position(pos).Filename, "_test.go")
}

// highCardinalityLabelName reports a constant label name of a client_golang
// or VictoriaMetrics/metrics definition that is known to take unbounded
// values: user, customer, tenant, session, request, trace, span and
// correlation ids, email, user names, client addresses, user agents, error
// text, database statements, timestamps, uuids, raw URLs and paths, and the
// names given with -metricname.labels (rule high-cardinality-label). Bare
// nouns such as path, url or addr are often bounded (a route template, a
// configured endpoint) and are judged by their values instead.
func (c *checker) highCardinalityLabelName(d *definition) {
	for _, l := range d.labels {
		if d.isManaged(l.name) {
			continue // the program deletes its series: a managed lifecycle
		}
		u, ok := c.unboundedLabelName(l.name)
		switch {
		case !ok:
		case d.outside(l):
			of := c.ofMetric(d)
			c.shared.add(l, ruleHighCardinality, c.unboundedLabelMessage(l.name, of, u), of)
		default:
			c.report.Reportf(l.pos, ruleHighCardinality, "%s", c.unboundedLabelMessage(l.name, c.ofMetric(d), u))
		}
	}
}

// unboundedLabelMessage says that label of the metric named by of (see
// ofMetric) is known to be unbounded.
func (c *checker) unboundedLabelMessage(label, of string, u unboundedLabel) string {
	return fmt.Sprintf("label %q%s holds %s, an unbounded set: every distinct value is a new time series; %s", label, of, u.what, u.fix)
}

// ofMetric names the metric a reported label belongs to: ` of "name"` when
// its full name is a constant, ` of the metric defined at line N (name built
// at run time)` when the definition is in sight but its name is computed
// (a prefix parameter, a wrapped registerer), or "" when the definition is
// out of sight.
func (c *checker) ofMetric(d *definition) string {
	switch {
	case d == nil:
		return ""
	case d.nameOK && d.name != "":
		return fmt.Sprintf(" of %q", d.name)
	}
	return fmt.Sprintf(" of the metric defined at line %d (name built at run time)", c.pass.Fset.Position(d.call.Pos()).Line)
}

// highCardinalityAttributeKeys reports a constant attribute key known to be
// unbounded in metric.WithAttributes(attribute.X(key, v), ...) and
// metric.WithAttributeSet(attribute.NewSet(...)) (rule
// high-cardinality-label); attributes on spans are not metrics and are left
// alone.
func (c *checker) highCardinalityAttributeKeys(ins *inspector.Inspector) {
	attrOpts := apis.NewMatcher(apis.AttrOptions)
	attrCtors := apis.NewMatcher(apis.AttrCtors)
	sets := apis.NewMatcher(apis.AttrSetCtors)
	for n := range ins.PreorderSeq((*ast.CallExpr)(nil)) {
		call := n.(*ast.CallExpr)
		opt, ok := attrOpts.Lookup(apis.Callee(c.pass.TypesInfo, call))
		if !ok || c.skip(call.Pos()) {
			continue
		}
		args := call.Args
		if opt.Set >= 0 {
			set, ok := apis.Unparen(arg(call, opt.Set)).(*ast.CallExpr)
			if !ok {
				continue
			}
			i, ok := sets.Lookup(apis.Callee(c.pass.TypesInfo, set))
			if !ok || i >= len(set.Args) {
				continue
			}
			args = set.Args[i:]
		} else if opt.Variadic < len(args) {
			args = args[opt.Variadic:]
		}
		for _, a := range args {
			kv, ok := apis.Unparen(a).(*ast.CallExpr)
			if !ok {
				continue
			}
			ac, ok := attrCtors.Lookup(apis.Callee(c.pass.TypesInfo, kv))
			if !ok {
				continue
			}
			var keyExpr ast.Expr
			if ac.Key >= 0 {
				keyExpr = arg(kv, ac.Key)
			} else if sel, ok := apis.Unparen(kv.Fun).(*ast.SelectorExpr); ok {
				keyExpr = sel.X
			}
			if keyExpr == nil {
				continue
			}
			key, ok := c.constString(keyExpr)
			if !ok {
				continue
			}
			if u, ok := c.unboundedLabelName(key); ok {
				c.report.Reportf(keyExpr.Pos(), ruleHighCardinality, "attribute %q on a measurement holds %s, an unbounded set: every distinct value is a new time series; %s", key, u.what, u.fix)
			}
		}
	}
}

// factories are the functions that make a promauto.Factory from a registerer.
var factories = apis.Table[bool]{apis.PromautoPkg + ".With": true}
