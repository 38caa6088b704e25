// want package:"tenant-scoped"

// Package exposure holds the fixtures of what a definition becomes at run
// time: exposed or a stub, on which registry, with which label lifecycle.
package exposure

import (
	"net/http"

	"github.com/grafana/dskit/tenant"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Stubs: never registered, so no rule applies.

// A no-op metric for code paths that take one but should not export it.
var noop = promauto.With(nil).NewCounter(prometheus.CounterOpts{})

// The factory kept in a variable is still promauto.With(nil).
func scratch() {
	f := promauto.With(nil)
	f.NewGauge(prometheus.GaugeOpts{Name: "scratch-depth"}).Set(1)
}

// A local collector used only through its own methods is never registered.
func localOnly() {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "localOnly"})
	c.Inc()
	prometheus.NewGauge(prometheus.GaugeOpts{}).Set(2)
}

// An unexported variable that nothing registers is never exposed, whatever
// its label values.
var unexposed = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unexposed_total", Help: "Never registered."}, []string{"path"})

func countUnexposed(r *http.Request) {
	unexposed.WithLabelValues(r.URL.Path).Inc()
}

// Exposed: the registry can reach them.

func withRegisterer(reg prometheus.Registerer) {
	promauto.With(reg).NewCounter(prometheus.CounterOpts{}) // want `metric name is empty`
}

func registeredLocal(reg prometheus.Registerer) {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "localRegistered_total", Help: "Registered."}) // want `metric name "localRegistered_total" is camelCase`
	reg.MustRegister(c)
}

// A returned collector is registered by the caller, as far as anyone here
// can tell.
func newCollector() prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: "returned-total", Help: "Returned."}) // want `metric name "returned-total" has characters outside`
}

// An exported variable can be registered by another package.
var Exported = prometheus.NewCounter(prometheus.CounterOpts{Name: "exportedCount_total", Help: "Exported."}) // want `metric name "exportedCount_total" is camelCase` Exported:`stores exportedCount_total\(\)`

// Duplicates are about one registry.

// Two constructors that each take their own registerer do not clash.
func newClientMetrics(reg prometheus.Registerer) prometheus.Counter {
	return promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "rpc_calls_total", Help: "Calls."})
}

func newServerMetrics(reg prometheus.Registerer) prometheus.Counter {
	return promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "rpc_calls_total", Help: "Calls."})
}

// Two collectors registered on two different registries do not clash.
func twoRegistries() {
	a, b := prometheus.NewRegistry(), prometheus.NewRegistry()
	a.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "jobs_done_total", Help: "Jobs."}))
	b.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "jobs_done_total", Help: "Jobs."}))
}

// One registerer in one function: the second registration panics.
func oneRegistry(reg prometheus.Registerer) {
	f := promauto.With(reg)
	f.NewGauge(prometheus.GaugeOpts{Name: "queue_length", Help: "Length."})
	f.NewGauge(prometheus.GaugeOpts{Name: "queue_length", Help: "Length again."}) // want `metric "queue_length" is already defined at line \d+ and both are registered on the same registerer`
}

// Collectors kept in a struct and registered together.
type poolMetrics struct {
	open, idle prometheus.Gauge
}

func newPoolMetrics(reg prometheus.Registerer) *poolMetrics {
	m := &poolMetrics{
		open: prometheus.NewGauge(prometheus.GaugeOpts{Name: "pool_conns", Help: "Open."}),
		idle: prometheus.NewGauge(prometheus.GaugeOpts{Name: "pool_conns", Help: "Idle."}), // want `metric "pool_conns" is already defined at line \d+ and both are registered on the same registerer`
	}
	reg.MustRegister(m.open, m.idle)
	return m
}

// The default registry: promauto beside a package-level collector
// registered in init.
var (
	cacheHits     = promauto.NewCounter(prometheus.CounterOpts{Name: "cache_hits_total", Help: "Hits."})
	cacheHitsCopy = prometheus.NewCounter(prometheus.CounterOpts{Name: "cache_hits_total", Help: "Hits."}) // want `metric "cache_hits_total" is already defined at line \d+ and both are registered on the default registry`
)

func init() { prometheus.MustRegister(cacheHitsCopy) }

// Tenants and managed label lifecycles.

var perTenant = promauto.NewCounterVec(prometheus.CounterOpts{Name: "ingested_samples_total", Help: "Samples."}, []string{"tenant", "path"})

// The tenant id extracted by the multi-tenancy library is bounded by the
// deployment; the raw path beside it is not.
func ingest(r *http.Request) {
	id, err := tenant.TenantID(r.Context())
	if err != nil {
		return
	}
	perTenant.WithLabelValues(id, "/push").Inc()
	perTenant.WithLabelValues(id, r.URL.Path).Inc() // want `label "path" of "ingested_samples_total" gets an unbounded value`
}

// A label declared as the tenant dimension, given an id the code only
// names: bounded.
var perOrg = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "active_series", Help: "Series."}, []string{"org_id"})

func track(orgID string, n float64) { perOrg.WithLabelValues(orgID).Set(n) }

// A tenant label whose value does not come from the tenant identity but
// from the raw request is reported.
func trackHeader(r *http.Request) {
	perOrg.WithLabelValues(r.Header.Get("X-Org")).Set(1) // want `label "org_id" of "active_series" gets an unbounded value`
}

// Series that the program deletes when their object goes: a managed
// lifecycle, not a growing set.
var sessionBytes = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "session_buffer_bytes", Help: "Buffered."}, []string{"session_id"})

func openSession(sessionID string)  { sessionBytes.WithLabelValues(sessionID).Set(0) }
func closeSession(sessionID string) { sessionBytes.DeleteLabelValues(sessionID) }

// DeletePartialMatch manages only the labels it names.
var jobRuns = promauto.NewCounterVec(prometheus.CounterOpts{Name: "job_runs_total", Help: "Runs."}, []string{"job_id", "request_id"}) // want `label "request_id" of "job_runs_total" holds a request id`

func forgetJob(jobID string) {
	jobRuns.DeletePartialMatch(prometheus.Labels{"job_id": jobID})
}

// Without a delete, an id label grows with traffic.
var uploads = promauto.NewCounterVec(prometheus.CounterOpts{Name: "uploads_total", Help: "Uploads."}, []string{"session_id"}) // want `label "session_id" of "uploads_total" holds a session id`

// The type contradicts the use.

// A gauge kept as a prometheus.Counter can only go up: it is a counter.
var retries prometheus.Counter = promauto.NewGauge(prometheus.GaugeOpts{Name: "client_retries_total", Help: "Retries."}) // want `gauge "client_retries_total" is a counter built with the wrong constructor: it is kept in retries, a prometheus.Counter; build it with prometheus.NewCounter`

// A gauge only ever incremented is a counter too; its name then lacks _total.
type worker struct {
	processed prometheus.Gauge
	inFlight  prometheus.Gauge
}

func newWorker() *worker {
	return &worker{
		processed: promauto.NewGauge(prometheus.GaugeOpts{Name: "worker_items_processed", Help: "Items."}), // want `gauge "worker_items_processed" is a counter built with the wrong constructor: it is only ever incremented \(line \d+\).*; counter "worker_items_processed" does not end in _total`
		inFlight:  promauto.NewGauge(prometheus.GaugeOpts{Name: "worker_items_in_flight", Help: "Items in flight."}),
	}
}

func (w *worker) handle() {
	w.inFlight.Inc()
	defer w.inFlight.Dec()
	w.processed.Inc()
	w.processed.Add(2)
}

// A gauge that goes down, or is added an unknown amount, is a gauge.
var (
	backlog = promauto.NewGauge(prometheus.GaugeOpts{Name: "backlog_items", Help: "Backlog."})
	level   = promauto.NewGauge(prometheus.GaugeOpts{Name: "tank_level", Help: "Level."})
)

func move(delta float64) {
	backlog.Inc()
	level.Add(delta)
}

func drain() { backlog.Set(0) }
