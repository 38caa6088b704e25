package apis

// Package paths of the metrics libraries.
const (
	PrometheusPkg = "github.com/prometheus/client_golang/prometheus"
	PromautoPkg   = "github.com/prometheus/client_golang/prometheus/promauto"
	OTelMetricPkg = "go.opentelemetry.io/otel/metric"
	AttributePkg  = "go.opentelemetry.io/otel/attribute"
	VMMetricsPkg  = "github.com/VictoriaMetrics/metrics"
	GoKitPkg      = "github.com/go-kit/kit/metrics"
	GoKitPromPkg  = "github.com/go-kit/kit/metrics/prometheus"
)

// MetricsPkgs are the packages whose use sends a package down metricname's slow path.
var MetricsPkgs = []string{PrometheusPkg + "/...", OTelMetricPkg + "/...", AttributePkg, VMMetricsPkg, GoKitPkg + "/..."}

// Lib names a metrics library.
type Lib int

const (
	Prometheus Lib = iota + 1
	OTel
	VictoriaMetrics
)

func (l Lib) String() string {
	switch l {
	case Prometheus:
		return "prometheus"
	case OTel:
		return "opentelemetry"
	case VictoriaMetrics:
		return "victoriametrics"
	}
	return "unknown"
}

// MetricKind is the type of a metric.
type MetricKind int

const (
	KindUnknown MetricKind = iota // a Desc, whose type shows only when a metric is made from it
	Counter
	Gauge
	Histogram
	Summary
	Untyped
	UpDownCounter
)

func (k MetricKind) String() string {
	return [...]string{"metric", "counter", "gauge", "histogram", "summary", "untyped metric", "up-down counter"}[k]
}

// A MetricCtor describes a call that defines a metric. Argument indexes are
// -1 where the call has no such argument.
type MetricCtor struct {
	Lib    Lib
	Kind   MetricKind
	Opts   int  // index of the client_golang *Opts struct (Namespace, Subsystem, Name, Help, ConstLabels)
	Name   int  // index of the name string (OTel instrument, VictoriaMetrics name with {labels}, NewDesc fqName)
	Help   int  // index of the help string (NewDesc)
	Labels int  // index of the []string of label names (…Vec constructors, NewDesc)
	VecOpt bool // Opts is a …VecOpts whose VariableLabels field names the labels
	// Default: the call registers the collector on the default registerer
	// itself (promauto's functions, go-kit's New…From).
	Default bool
}

func prom(kind MetricKind, labels int) MetricCtor {
	return MetricCtor{Lib: Prometheus, Kind: kind, Opts: 0, Name: -1, Help: -1, Labels: labels}
}

// promDefault is a client_golang constructor that also registers on the
// default registerer.
func promDefault(kind MetricKind, labels int) MetricCtor {
	c := prom(kind, labels)
	c.Default = true
	return c
}

func promVec(kind MetricKind) MetricCtor {
	return MetricCtor{Lib: Prometheus, Kind: kind, Opts: 0, Name: -1, Help: -1, Labels: -1, VecOpt: true}
}

func otelInst(kind MetricKind) MetricCtor {
	return MetricCtor{Lib: OTel, Kind: kind, Opts: -1, Name: 0, Help: -1, Labels: -1}
}

func vm(kind MetricKind) MetricCtor {
	return MetricCtor{Lib: VictoriaMetrics, Kind: kind, Opts: -1, Name: 0, Help: -1, Labels: -1}
}

// MetricCtors are the calls that define metrics.
var MetricCtors = Table[MetricCtor]{
	// client_golang
	PrometheusPkg + ".NewCounter":                prom(Counter, -1),
	PrometheusPkg + ".NewCounterVec":             prom(Counter, 1),
	PrometheusPkg + ".NewCounterFunc":            prom(Counter, -1),
	PrometheusPkg + ".NewGauge":                  prom(Gauge, -1),
	PrometheusPkg + ".NewGaugeVec":               prom(Gauge, 1),
	PrometheusPkg + ".NewGaugeFunc":              prom(Gauge, -1),
	PrometheusPkg + ".NewHistogram":              prom(Histogram, -1),
	PrometheusPkg + ".NewHistogramVec":           prom(Histogram, 1),
	PrometheusPkg + ".NewSummary":                prom(Summary, -1),
	PrometheusPkg + ".NewSummaryVec":             prom(Summary, 1),
	PrometheusPkg + ".NewUntypedFunc":            prom(Untyped, -1),
	"(" + PrometheusPkg + ".v2).NewCounterVec":   promVec(Counter),
	"(" + PrometheusPkg + ".v2).NewGaugeVec":     promVec(Gauge),
	"(" + PrometheusPkg + ".v2).NewHistogramVec": promVec(Histogram),
	"(" + PrometheusPkg + ".v2).NewSummaryVec":   promVec(Summary),
	PrometheusPkg + ".NewDesc":                   {Lib: Prometheus, Kind: KindUnknown, Opts: -1, Name: 0, Help: 1, Labels: 2},
	"(" + PrometheusPkg + ".v2).NewDesc":         {Lib: Prometheus, Kind: KindUnknown, Opts: -1, Name: 0, Help: 1, Labels: -1},

	// promauto, package functions and promauto.With(reg)
	PromautoPkg + ".NewCounter":                     promDefault(Counter, -1),
	PromautoPkg + ".NewCounterVec":                  promDefault(Counter, 1),
	PromautoPkg + ".NewCounterFunc":                 promDefault(Counter, -1),
	PromautoPkg + ".NewGauge":                       promDefault(Gauge, -1),
	PromautoPkg + ".NewGaugeVec":                    promDefault(Gauge, 1),
	PromautoPkg + ".NewGaugeFunc":                   promDefault(Gauge, -1),
	PromautoPkg + ".NewHistogram":                   promDefault(Histogram, -1),
	PromautoPkg + ".NewHistogramVec":                promDefault(Histogram, 1),
	PromautoPkg + ".NewSummary":                     promDefault(Summary, -1),
	PromautoPkg + ".NewSummaryVec":                  promDefault(Summary, 1),
	PromautoPkg + ".NewUntypedFunc":                 promDefault(Untyped, -1),
	"(" + PromautoPkg + ".Factory).NewCounter":      prom(Counter, -1),
	"(" + PromautoPkg + ".Factory).NewCounterVec":   prom(Counter, 1),
	"(" + PromautoPkg + ".Factory).NewCounterFunc":  prom(Counter, -1),
	"(" + PromautoPkg + ".Factory).NewGauge":        prom(Gauge, -1),
	"(" + PromautoPkg + ".Factory).NewGaugeVec":     prom(Gauge, 1),
	"(" + PromautoPkg + ".Factory).NewGaugeFunc":    prom(Gauge, -1),
	"(" + PromautoPkg + ".Factory).NewHistogram":    prom(Histogram, -1),
	"(" + PromautoPkg + ".Factory).NewHistogramVec": prom(Histogram, 1),
	"(" + PromautoPkg + ".Factory).NewSummary":      prom(Summary, -1),
	"(" + PromautoPkg + ".Factory).NewSummaryVec":   prom(Summary, 1),
	"(" + PromautoPkg + ".Factory).NewUntypedFunc":  prom(Untyped, -1),

	// go-kit's Prometheus adapter: New…From builds a client_golang vector
	// and registers it with prometheus.MustRegister.
	GoKitPromPkg + ".NewCounterFrom":   promDefault(Counter, 1),
	GoKitPromPkg + ".NewGaugeFrom":     promDefault(Gauge, 1),
	GoKitPromPkg + ".NewHistogramFrom": promDefault(Histogram, 1),
	GoKitPromPkg + ".NewSummaryFrom":   promDefault(Summary, 1),

	// OpenTelemetry instruments, matched on the metric.Meter interface
	"(" + OTelMetricPkg + ".Meter).Int64Counter":                   otelInst(Counter),
	"(" + OTelMetricPkg + ".Meter).Int64UpDownCounter":             otelInst(UpDownCounter),
	"(" + OTelMetricPkg + ".Meter).Int64Histogram":                 otelInst(Histogram),
	"(" + OTelMetricPkg + ".Meter).Int64Gauge":                     otelInst(Gauge),
	"(" + OTelMetricPkg + ".Meter).Int64ObservableCounter":         otelInst(Counter),
	"(" + OTelMetricPkg + ".Meter).Int64ObservableUpDownCounter":   otelInst(UpDownCounter),
	"(" + OTelMetricPkg + ".Meter).Int64ObservableGauge":           otelInst(Gauge),
	"(" + OTelMetricPkg + ".Meter).Float64Counter":                 otelInst(Counter),
	"(" + OTelMetricPkg + ".Meter).Float64UpDownCounter":           otelInst(UpDownCounter),
	"(" + OTelMetricPkg + ".Meter).Float64Histogram":               otelInst(Histogram),
	"(" + OTelMetricPkg + ".Meter).Float64Gauge":                   otelInst(Gauge),
	"(" + OTelMetricPkg + ".Meter).Float64ObservableCounter":       otelInst(Counter),
	"(" + OTelMetricPkg + ".Meter).Float64ObservableUpDownCounter": otelInst(UpDownCounter),
	"(" + OTelMetricPkg + ".Meter).Float64ObservableGauge":         otelInst(Gauge),

	// VictoriaMetrics/metrics: the name carries its labels, name{k="v"}
	VMMetricsPkg + ".NewCounter":                          vm(Counter),
	VMMetricsPkg + ".GetOrCreateCounter":                  vm(Counter),
	VMMetricsPkg + ".NewFloatCounter":                     vm(Counter),
	VMMetricsPkg + ".GetOrCreateFloatCounter":             vm(Counter),
	VMMetricsPkg + ".NewGauge":                            vm(Gauge),
	VMMetricsPkg + ".GetOrCreateGauge":                    vm(Gauge),
	VMMetricsPkg + ".NewHistogram":                        vm(Histogram),
	VMMetricsPkg + ".GetOrCreateHistogram":                vm(Histogram),
	VMMetricsPkg + ".NewSummary":                          vm(Summary),
	VMMetricsPkg + ".NewSummaryExt":                       vm(Summary),
	VMMetricsPkg + ".GetOrCreateSummary":                  vm(Summary),
	VMMetricsPkg + ".GetOrCreateSummaryExt":               vm(Summary),
	"(*" + VMMetricsPkg + ".Set).NewCounter":              vm(Counter),
	"(*" + VMMetricsPkg + ".Set).GetOrCreateCounter":      vm(Counter),
	"(*" + VMMetricsPkg + ".Set).NewFloatCounter":         vm(Counter),
	"(*" + VMMetricsPkg + ".Set).GetOrCreateFloatCounter": vm(Counter),
	"(*" + VMMetricsPkg + ".Set).NewGauge":                vm(Gauge),
	"(*" + VMMetricsPkg + ".Set).GetOrCreateGauge":        vm(Gauge),
	"(*" + VMMetricsPkg + ".Set).NewHistogram":            vm(Histogram),
	"(*" + VMMetricsPkg + ".Set).GetOrCreateHistogram":    vm(Histogram),
	"(*" + VMMetricsPkg + ".Set).NewSummary":              vm(Summary),
	"(*" + VMMetricsPkg + ".Set).NewSummaryExt":           vm(Summary),
	"(*" + VMMetricsPkg + ".Set).GetOrCreateSummary":      vm(Summary),
	"(*" + VMMetricsPkg + ".Set).GetOrCreateSummaryExt":   vm(Summary),
}

// LabelValues describes a call that supplies label values. Indexes are -1
// where absent; a row with no index supplies none (its label values are
// dropped).
type LabelValues struct {
	Variadic int // index of the first of the variadic label value strings
	Map      int // index of a prometheus.Labels map (label name -> value)
	Pairs    int // index of the first of variadic name, value, name, value, ... strings
}

func lvs(i int) LabelValues   { return LabelValues{Variadic: i, Map: -1, Pairs: -1} }
func lmap(i int) LabelValues  { return LabelValues{Variadic: -1, Map: i, Pairs: -1} }
func pairs(i int) LabelValues { return LabelValues{Variadic: -1, Map: -1, Pairs: i} }

// dropped is the row of a method that ignores the label values it is given.
var dropped = LabelValues{Variadic: -1, Map: -1, Pairs: -1}

// LabelValueCalls are the calls that give label values.
var LabelValueCalls = func() Table[LabelValues] {
	t := Table[LabelValues]{
		PrometheusPkg + ".NewConstMetric":                            lvs(3),
		PrometheusPkg + ".MustNewConstMetric":                        lvs(3),
		PrometheusPkg + ".NewConstMetricWithCreatedTimestamp":        lvs(4),
		PrometheusPkg + ".MustNewConstMetricWithCreatedTimestamp":    lvs(4),
		PrometheusPkg + ".NewConstHistogram":                         lvs(4),
		PrometheusPkg + ".MustNewConstHistogram":                     lvs(4),
		PrometheusPkg + ".NewConstHistogramWithCreatedTimestamp":     lvs(5),
		PrometheusPkg + ".MustNewConstHistogramWithCreatedTimestamp": lvs(5),
		PrometheusPkg + ".NewConstSummary":                           lvs(4),
		PrometheusPkg + ".MustNewConstSummary":                       lvs(4),
		PrometheusPkg + ".NewConstSummaryWithCreatedTimestamp":       lvs(5),
		PrometheusPkg + ".MustNewConstSummaryWithCreatedTimestamp":   lvs(5),
	}
	for _, vec := range []string{"CounterVec", "GaugeVec", "HistogramVec", "SummaryVec", "MetricVec"} {
		recv := "(*" + PrometheusPkg + "." + vec + ")."
		t[recv+"WithLabelValues"] = lvs(0)
		t[recv+"GetMetricWithLabelValues"] = lvs(0)
		t[recv+"With"] = lmap(0)
		t[recv+"GetMetricWith"] = lmap(0)
		t[recv+"CurryWith"] = lmap(0)
		t[recv+"MustCurryWith"] = lmap(0)
	}
	// MetricVec has no WithLabelValues, With or MustCurryWith of its own.
	delete(t, "(*"+PrometheusPkg+".MetricVec).WithLabelValues")
	delete(t, "(*"+PrometheusPkg+".MetricVec).With")
	delete(t, "(*"+PrometheusPkg+".MetricVec).MustCurryWith")
	// go-kit's metrics interfaces, matched on any implementation: With
	// takes label names and values alternately. The backends that ignore
	// them (discard, expvar, graphite, statsd) have rows of their own,
	// which the exact match finds first.
	for _, m := range []string{"Counter", "Gauge", "Histogram"} {
		t["("+GoKitPkg+"."+m+").With"] = pairs(0)
	}
	for _, m := range []string{
		"(" + GoKitPkg + "/discard.counter)", "(" + GoKitPkg + "/discard.gauge)", "(" + GoKitPkg + "/discard.histogram)",
		"(*" + GoKitPkg + "/expvar.Counter)", "(*" + GoKitPkg + "/expvar.Gauge)", "(*" + GoKitPkg + "/expvar.Histogram)",
		"(*" + GoKitPkg + "/graphite.Counter)", "(*" + GoKitPkg + "/graphite.Gauge)", "(*" + GoKitPkg + "/graphite.Histogram)",
		"(*" + GoKitPkg + "/statsd.Counter)", "(*" + GoKitPkg + "/statsd.Gauge)", "(*" + GoKitPkg + "/statsd.Timing)",
	} {
		t[m+".With"] = dropped
	}
	return t
}()

// MetricWrappers are the calls whose result records into the collector
// passed at the given argument: go-kit's NewCounter(*prometheus.CounterVec)
// and friends, which register nothing themselves.
var MetricWrappers = Table[int]{
	GoKitPromPkg + ".NewCounter":   0,
	GoKitPromPkg + ".NewGauge":     0,
	GoKitPromPkg + ".NewHistogram": 0,
	GoKitPromPkg + ".NewSummary":   0,
}

// An AttrOption is an OTel measurement option that carries attributes.
type AttrOption struct {
	Variadic int // index of the first attribute.KeyValue
	Set      int // index of an attribute.Set
}

// AttrOptions are the OTel options that attach attributes to a measurement.
var AttrOptions = Table[AttrOption]{
	OTelMetricPkg + ".WithAttributes":   {Variadic: 0, Set: -1},
	OTelMetricPkg + ".WithAttributeSet": {Variadic: -1, Set: 0},
}

// An AttrCtor builds an attribute.KeyValue. Key is the index of the key
// argument, or -1 when the key is the receiver (attribute.Key methods).
type AttrCtor struct {
	Key, Value int
}

// AttrCtors are the constructors of attribute key-values.
var AttrCtors = func() Table[AttrCtor] {
	t := Table[AttrCtor]{}
	for _, f := range []string{"Bool", "BoolSlice", "Int", "IntSlice", "Int64", "Int64Slice", "Float64", "Float64Slice", "String", "StringSlice", "Stringer"} {
		t[AttributePkg+"."+f] = AttrCtor{Key: 0, Value: 1}
		if f != "Stringer" {
			t["("+AttributePkg+".Key)."+f] = AttrCtor{Key: -1, Value: 0}
		}
	}
	return t
}()

// AttrSetCtors build an attribute.Set from variadic key-values.
var AttrSetCtors = Table[int]{
	AttributePkg + ".NewSet": 0,
}

// OTelInstrumentOpts are the instrument options that matter to naming.
var OTelInstrumentOpts = Table[string]{
	OTelMetricPkg + ".WithUnit":        "unit",
	OTelMetricPkg + ".WithDescription": "description",
}

// A Registration is a call that registers collectors on a registry.
type Registration struct {
	Default bool // the package function that registers on prometheus.DefaultRegisterer
	Arg     int  // index of the first collector argument (variadic for MustRegister)
}

// Registrations are the calls that make a client_golang collector exposed:
// what is registered on a gathered registry is what /metrics shows.
// Interface rows also match (*Registry) and wrapping registerers.
var Registrations = Table[Registration]{
	PrometheusPkg + ".MustRegister":                   {Default: true, Arg: 0},
	PrometheusPkg + ".Register":                       {Default: true, Arg: 0},
	"(" + PrometheusPkg + ".Registerer).MustRegister": {Arg: 0},
	"(" + PrometheusPkg + ".Registerer).Register":     {Arg: 0},
}

// DefaultRegisterer is the package variable of the default registry.
const DefaultRegisterer = PrometheusPkg + ".DefaultRegisterer"

// VecDeletes are the client_golang vector methods that remove series: a
// label whose series the program deletes has a managed lifecycle (a series
// per live object, dropped when the object goes). The row is the index of
// the prometheus.Labels argument that names the deleted labels, or -1 when
// the call removes whole series (every label is managed).
var VecDeletes = Table[int]{
	"(*" + PrometheusPkg + ".MetricVec).Delete":             -1,
	"(*" + PrometheusPkg + ".MetricVec).DeleteLabelValues":  -1,
	"(*" + PrometheusPkg + ".MetricVec).DeletePartialMatch": 0,
	"(*" + PrometheusPkg + ".MetricVec).Reset":              -1,
}
