// Package names holds the fixtures of the name rules.
package names

import (
	"fixtures/consts"

	"github.com/VictoriaMetrics/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

const localSubsystem = "cart"

// Positives.

var (
	camel = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "itemsAdded_total", // want `metric name "itemsAdded_total" is camelCase: Prometheus names are snake_case, "items_added_total"`
		Help: "Items added.",
	})

	// The name comes from another package: BuildFQName("shop", "http", "requestLatency").
	crossPackage = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: consts.Namespace,
		Subsystem: consts.Subsystem,
		Name:      consts.BadName, // want `metric name "shop_http_requestLatency" is camelCase`
		Help:      "Latency.",
	})

	noTotal = promauto.NewCounter(prometheus.CounterOpts{
		Namespace: consts.Namespace,
		Name:      "orders", // want `counter "shop_orders" does not end in _total: name it "shop_orders_total"`
		Help:      "Orders.",
	})

	gaugeTotal = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "queue_length_total", // want `gauge "queue_length_total" ends in _total, which is reserved for counters`
		Help: "Queue length.",
	})

	millis = prometheus.NewHistogram(prometheus.HistogramOpts{
		Subsystem: localSubsystem,
		Name:      "checkout_duration_milliseconds", // want `metric name "cart_checkout_duration_milliseconds" uses the unit "milliseconds": use the base unit "seconds"`
		Help:      "Checkout duration.",
	})

	abbreviated = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "checkout_latency_ms", // want `metric name "checkout_latency_ms" abbreviates a unit \("ms"\)`
		Help: "Checkout latency.",
	})

	colon = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "job:queue_depth", // want `metric name "job:queue_depth" contains ':', which is reserved for recording rules`
		Help: "Depth.",
	})

	invalidChars = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "queue-depth", // want `metric name "queue-depth" has characters outside \[a-zA-Z0-9_:\]`
		Help: "Depth.",
	})

	gaugeCount = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "open_files_count", // want `gauge "open_files_count" ends in _count, which histograms and summaries use`
		Help: "Open files.",
	})

	typeInName = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "temperature_gauge", // want `gauge "temperature_gauge" has its type in its name`
		Help: "Temperature in celsius.",
	})

	// A histogram kept beside a summary of the same measurement during a
	// migration: the type word is what tells the two names apart, so it
	// is not reported (dropping it would clash with the summary).
	fetchLatency = prometheus.NewSummary(prometheus.SummaryOpts{
		Name: "fetch_latency_seconds",
		Help: "Fetch latency (summary, kept for existing dashboards).",
	})
	fetchLatencyHistogram = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "fetch_latency_histogram_seconds",
		Help: "Fetch latency (histogram).",
	})

	// Without a twin of the plain name, the type word is still reported.
	lonelyHistogram = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "store_latency_histogram_seconds", // want `histogram "store_latency_histogram_seconds" has its type in its name`
		Help: "Store latency.",
	})

	noHelp = prometheus.NewGauge(prometheus.GaugeOpts{ // want `metric "workers" has no help text`
		Name: "workers",
	})

	// BuildFQName gives "" when Name is empty, even with a namespace.
	emptyName = prometheus.NewGauge(prometheus.GaugeOpts{ // want `metric name is empty`
		Namespace: "shop",
		Help:      "Nothing.",
	})

	badLabels = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "job_runs_seconds",
		Help: "Job runs.",
	}, []string{"jobName", "quantile", "__internal"}) // want `^label name "jobName" of "job_runs_seconds" is camelCase[^;]*; label name "quantile" of "job_runs_seconds" is reserved for summary quantiles[^;]*; label name "__internal" of "job_runs_seconds" starts with __`

	leOnGauge = prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "threshold_seconds",
		Help:        "Threshold.",
		ConstLabels: prometheus.Labels{"le": "1"}, // want `label name "le" of "threshold_seconds" is reserved for histogram buckets`
	})

	descName = prometheus.NewDesc(prometheus.BuildFQName(consts.Namespace, "", "cacheHits"), "Cache hits.", nil, nil) // want `metric name "shop_cacheHits" is camelCase`

	viaFactory = promauto.With(prometheus.NewRegistry()).NewCounter(prometheus.CounterOpts{
		Name: "logins", // want `counter "logins" does not end in _total`
		Help: "Logins.",
	})

	vmBadName  = metrics.NewCounter(`requests_total{path="/"`)      // want `VictoriaMetrics/metrics name "requests_total\{path=\\"/\\"" lacks the closing \}: the constructor panics`
	vmNoTotal  = metrics.NewCounter(`vm_requests{code="200"}`)      // want `counter "vm_requests" does not end in _total`
	vmCamel    = metrics.NewGauge(`queueSize`, nil)                 // want `metric name "queueSize" is camelCase`
	vmBadLabel = metrics.NewCounter(`vm_hits_total{routeName="/"}`) // want `label name "routeName" of "vm_hits_total" is camelCase`
)

// Negatives: the look-alikes that are fine.

const goodName = "items_added_total"

var (
	good = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: consts.Namespace,
		Subsystem: localSubsystem,
		Name:      goodName,
		Help:      "Items added.",
	})
	goodHistogram = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "checkout_duration_seconds",
		Help: "Checkout duration.",
	}, []string{"method", "code"})
	histogramCount = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "batch_size_bytes",
		Help: "Batch size.",
	})
	// Base units with a prefix-free name, celsius allowed.
	temperature = prometheus.NewGauge(prometheus.GaugeOpts{Name: "room_temperature_celsius", Help: "Temperature."})
	// Untyped metrics may end in _total.
	untyped = prometheus.NewUntypedFunc(prometheus.UntypedOpts{Name: "legacy_total", Help: "Legacy."}, func() float64 { return 0 })
	// A Desc has no type: no _total rule.
	desc = prometheus.NewDesc("build_info", "Build information.", []string{"version"}, nil)
	// A quantile label on a summary, le on a histogram: reserved for them.
	summary = prometheus.NewSummaryVec(prometheus.SummaryOpts{Name: "rpc_duration_seconds", Help: "RPC."}, []string{"service"})
	// Good VictoriaMetrics names, including dots, which the library allows.
	vmGood = metrics.NewCounter(`vm_requests_total{path="/api",code="200"}`)
	vmDots = metrics.GetOrCreateGauge(`vm.queue_size`, nil)
)

// nonConstant names are not checked: nothing is known about them.
func nonConstant(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

// optsVar: Opts that are not a literal are not checked.
func optsVar() prometheus.Gauge {
	opts := prometheus.GaugeOpts{Name: "camelCase"}
	return prometheus.NewGauge(opts)
}

// The labels that a histogram and a summary generate cannot be their own:
// client_golang panics at construction.
var (
	bucketsByLe = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name: "payload_size_bytes",
		Help: "Payload sizes.",
	}, []string{"le"}) // want `histogram "payload_size_bytes" has a label "le": client_golang panics when it is constructed`
	objectivesByQuantile = promauto.NewSummary(prometheus.SummaryOpts{
		Name:        "render_seconds",
		Help:        "Render time.",
		ConstLabels: prometheus.Labels{"quantile": "0.5"}, // want `summary "render_seconds" has a label "quantile": client_golang panics when it is constructed`
	})
	// The series suffixes are the library's: a histogram named x_count
	// exposes x_count_count.
	countHistogram = promauto.NewHistogram(prometheus.HistogramOpts{
		Name: "batch_items_count", // want `histogram "batch_items_count" ends in _count: client_golang appends _bucket, _count and _sum to a histogram's name, so it exposes batch_items_count_count`
		Help: "Items per batch.",
	})
	// A unit word that names what is counted is not the unit.
	dayTables = promauto.NewCounter(prometheus.CounterOpts{
		Name: "compactor_days_processed_total",
		Help: "Day tables processed.",
	})
)

// VictoriaMetrics/metrics counters may go down: one that is decremented or
// set is used as a gauge (a count in flight, a timestamp), not a counter
// missing _total.
var (
	vmOpenConns   = metrics.NewCounter(`vm_open_connections`)
	vmReloadTime  = metrics.NewCounter(`vm_config_last_reload_success_timestamp_seconds`)
	vmAccepted    = metrics.NewCounter(`vm_accepted_connections`) // want `counter "vm_accepted_connections" does not end in _total`
	vmAcceptedBad = metrics.NewCounter(`vm_accepts_total`)
)

func vmServe(now uint64) {
	vmOpenConns.Inc()
	defer vmOpenConns.Dec()
	vmReloadTime.Set(now)
	vmAccepted.Inc()
	vmAcceptedBad.Inc()
}

// One label list shared by several vectors: its camelCase name is one
// defect, reported once at the list, naming every metric that takes it.
var scalerLabels = []string{"scaledObject", "scaler"} // want `^label name "scaledObject" of "scaler_active" and "scaler_errors_total" is camelCase: Prometheus labels are snake_case, "scaled_object"$`

var (
	scalerActive = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "scaler_active", Help: "Active scalers."}, scalerLabels)
	scalerErrors = promauto.NewCounterVec(prometheus.CounterOpts{Name: "scaler_errors_total", Help: "Scaler errors."}, scalerLabels)
	// A label list of its own is reported with its metric's other problems.
	scalerPaused = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "scaler_paused"}, []string{"scaledObject"}) // want `^metric "scaler_paused" has no help text[^;]*; label name "scaledObject" of "scaler_paused" is camelCase`
)

func init() { prometheus.MustRegister(emptyName) }

// Nameless histograms kept in a struct and read in process: registering
// one would fail, and nothing here registers them.
type walStats struct {
	syncLatency  prometheus.Histogram
	writeLatency prometheus.Histogram
}

func newWALStats() *walStats {
	return &walStats{
		syncLatency:  prometheus.NewHistogram(prometheus.HistogramOpts{Buckets: prometheus.DefBuckets}),
		writeLatency: prometheus.NewHistogram(prometheus.HistogramOpts{Buckets: prometheus.DefBuckets}),
	}
}

// A nameless counter that is registered fails at registration.
func registerNameless(reg prometheus.Registerer) {
	c := prometheus.NewCounter(prometheus.CounterOpts{Help: "Requests."}) // want `metric name is empty`
	reg.MustRegister(c)
}
