package names

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Units from what is recorded: the name must carry the unit of the values.

var (
	latency = promauto.NewHistogram(prometheus.HistogramOpts{
		Name: "request_latency", // want `metric "request_latency" has no unit in its name but records seconds from time.Since \(line 56\): dashboards and recording rules cannot tell the unit, and the Prometheus naming conventions put the base unit in the name; rename it request_latency_seconds \(a rename of a published metric breaks its queries\)`
		Help: "Request latency.",
	})

	latencyByRoute = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name: "route_latency", // want `metric "route_latency" has no unit in its name but records seconds from Duration.Seconds\(\)`
		Help: "Latency by route.",
	}, []string{"route"})

	observerVec prometheus.ObserverVec = promauto.NewSummaryVec(prometheus.SummaryOpts{
		Name: "job_runtime", // want `metric "job_runtime" has no unit in its name but records seconds from elapsed\(\), which returns time.Since`
		Help: "Job run time.",
	}, []string{"job"})

	msInSeconds = promauto.NewHistogram(prometheus.HistogramOpts{
		Name: "db_query_duration_seconds", // want `metric "db_query_duration_seconds" says seconds but records milliseconds from Duration.Milliseconds\(\) \(line 60\): every query reads the values in the wrong unit; record seconds \(d.Seconds\(\)\)`
		Help: "Query duration.",
	})

	nanos = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "last_gc_pause", // want `metric "last_gc_pause" has no unit in its name but records nanoseconds from a time.Duration converted to a number .*record seconds \(d.Seconds\(\)\) and rename it last_gc_pause_seconds`
		Help: "Last GC pause.",
	})

	lastSuccess = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "backup_last_success", // want `metric "backup_last_success" has no unit in its name but records Unix timestamps in seconds from Time.Unix\(\) .*rename it backup_last_success_timestamp_seconds`
		Help: "When the last backup succeeded.",
	})

	lastRun = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "cron_last_run", // want `records Unix timestamps in seconds from SetToCurrentTime`
		Help: "When cron last ran.",
	})

	sizeBytesDuration = promauto.NewHistogram(prometheus.HistogramOpts{
		Name: "upload_bytes", // want `metric "upload_bytes" says bytes but records seconds from time.Since`
		Help: "Upload.",
	})
)

func observeUnits(r *http.Request, start time.Time, d time.Duration, job string) {
	latency.Observe(time.Since(start).Seconds())
	secs := d.Seconds()
	latencyByRoute.WithLabelValues(r.Pattern).Observe(secs)
	observerVec.WithLabelValues(job).Observe(elapsed(start))
	msInSeconds.Observe(float64(d.Milliseconds()))
	nanos.Set(float64(d))
	lastSuccess.Set(float64(time.Now().Unix()))
	lastRun.SetToCurrentTime()
	sizeBytesDuration.Observe(time.Since(start).Seconds())
}

func elapsed(start time.Time) float64 { return time.Since(start).Seconds() }

// Look-alikes: the unit is in the name, the values are not times, or a
// duration becomes a count.
var (
	okSeconds = promauto.NewHistogram(prometheus.HistogramOpts{Name: "request_duration_seconds", Help: "Request duration."})
	okStart   = promauto.NewGauge(prometheus.GaugeOpts{Name: "process_start_time_seconds", Help: "Start time."})
	okStamp   = promauto.NewGauge(prometheus.GaugeOpts{Name: "backup_last_success_timestamp_seconds", Help: "Last backup."})
	sizes     = promauto.NewHistogram(prometheus.HistogramOpts{Name: "response_size_bytes", Help: "Response size."})
	items     = promauto.NewGauge(prometheus.GaugeOpts{Name: "queue_items", Help: "Items queued."})
	ticks     = promauto.NewGauge(prometheus.GaugeOpts{Name: "elapsed_ticks", Help: "Elapsed ticks."})
	scaled    = promauto.NewGauge(prometheus.GaugeOpts{Name: "poll_interval", Help: "Poll interval."})
	okVec     = promauto.NewHistogramVec(prometheus.HistogramOpts{Name: "rpc_call_duration_seconds", Help: "RPC call duration."}, []string{"method"})
)

func observeLookAlikes(start time.Time, d time.Duration, body []byte, n int) {
	okSeconds.Observe(time.Since(start).Seconds())
	okStart.Set(float64(start.Unix()))
	okStamp.SetToCurrentTime()
	sizes.Observe(float64(len(body)))
	items.Set(float64(n))
	ticks.Set(float64(d / time.Millisecond)) // a count of ticks: arithmetic ends the flow
	scaled.Set(d.Seconds() * 1000)           // scaled: silent when unsure
	okVec.With(prometheus.Labels{"method": "get"}).Observe(d.Seconds())
}

// A collector: the Desc's name and the value of MustNewConstMetric.
type uptimeCollector struct {
	uptime *prometheus.Desc
	ok     *prometheus.Desc
	start  time.Time
}

func newUptimeCollector() *uptimeCollector {
	return &uptimeCollector{
		uptime: prometheus.NewDesc("service_uptime", "Time since start.", nil, nil), // want `metric "service_uptime" has no unit in its name but records seconds from time.Since`
		ok:     prometheus.NewDesc("service_age_seconds", "Time since start.", nil, nil),
		start:  time.Now(),
	}
}

func (c *uptimeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.uptime
	ch <- c.ok
}

func (c *uptimeCollector) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(c.uptime, prometheus.GaugeValue, time.Since(c.start).Seconds())
	ch <- prometheus.MustNewConstMetric(c.ok, prometheus.GaugeValue, time.Since(c.start).Seconds())
}

func init() { prometheus.MustRegister(newUptimeCollector()) }

// A name that already says timestamp lacks only the unit.
var lastStamp = promauto.NewGauge(prometheus.GaugeOpts{
	Name: "backup_last_success_timestamp", // want `rename it backup_last_success_timestamp_seconds \(`
	Help: "When the last backup succeeded.",
})

func stamp() { lastStamp.Set(float64(time.Now().Unix())) }

// A counter that adds up durations: the values must be seconds too.
var (
	busyTime = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "worker_busy_seconds_total", // want `metric "worker_busy_seconds_total" says seconds but records nanoseconds from a time.Duration converted to a number`
		Help: "Time spent working.",
	}, []string{"worker"})
	idle = promauto.NewCounter(prometheus.CounterOpts{
		Name: "worker_idle_seconds_total",
		Help: "Time spent idle.",
	})
	workItems = promauto.NewCounter(prometheus.CounterOpts{
		Name: "worker_items_total",
		Help: "Items done.",
	})
)

func work(d time.Duration, n int) {
	busyTime.WithLabelValues("a").Add(float64(d))
	idle.Add(d.Seconds())
	workItems.Add(float64(n))
}
