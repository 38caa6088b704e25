// Package dup holds the fixtures of duplicate-metric.
package dup

import (
	"fixtures/consts"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.opentelemetry.io/otel/metric"
)

// Positive: the same full name, computed differently, twice.
var (
	first = promauto.NewCounter(prometheus.CounterOpts{
		Namespace: consts.Namespace,
		Name:      "orders_total",
		Help:      "Orders.",
	})
	second = promauto.NewCounter(prometheus.CounterOpts{
		Name: "shop_orders_total", // want `metric "shop_orders_total" is already defined at line 14 and both are registered on the default registry: the second registration panics`
		Help: "Orders again.",
	})
)

// Negatives.

// A Desc made in both Describe and Collect is one metric, not two.
type collector struct{}

func (collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- prometheus.NewDesc("shop_queue_depth", "Queue depth.", nil, nil)
}

func (collector) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(prometheus.NewDesc("shop_queue_depth", "Queue depth.", nil, nil), prometheus.GaugeValue, 1)
}

// One constructor called many times is one definition.
func newWorkerGauge(reg prometheus.Registerer) prometheus.Gauge {
	return promauto.With(reg).NewGauge(prometheus.GaugeOpts{Name: "shop_workers", Help: "Workers."})
}

// OTel instruments of the same name are the same instrument.
func instruments(m metric.Meter) {
	m.Int64Counter("shop.orders")
	m.Int64Counter("shop.orders")
}

// Different names, and a name that is not a constant.
var (
	other   = promauto.NewCounter(prometheus.CounterOpts{Name: "shop_returns_total", Help: "Returns."})
	dynamic = func(n string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Name: n, Help: "Dynamic."})
	}
)

// promauto.With(nil) registers nothing.
var (
	unregistered1 = promauto.With(nil).NewCounter(prometheus.CounterOpts{Name: "shop_scratch_total", Help: "Scratch."})
	unregistered2 = promauto.With(nil).NewCounter(prometheus.CounterOpts{Name: "shop_scratch_total", Help: "Scratch."})
)

// Two package-level histograms of one name, of which the package registers
// only one: the other's observations are copied into other metrics by hand,
// so the registry never sees the name twice.
var (
	ttfb = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "shop_ttfb_seconds",
		Help: "Time to first byte.",
	}, []string{"api"})
	ttfbByBucket = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "shop_ttfb_seconds",
		Help: "Time to first byte per bucket.",
	}, []string{"api", "bucket"})
)

// Both of these are registered in init: they clash.
var (
	restarts = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "shop_restarts_total",
		Help: "Restarts.",
	})
	restartsAgain = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "shop_restarts_total", // want `metric "shop_restarts_total" is already defined at line \d+ and both are registered on the default registry`
		Help: "Restarts again.",
	})
)

func init() {
	prometheus.MustRegister(ttfb, restarts, restartsAgain)
}

func copyTTFB(ch chan<- prometheus.Metric) {
	ttfbByBucket.WithLabelValues("get", "b").Observe(1)
	ttfbByBucket.Collect(ch)
}

func export() []*prometheus.HistogramVec { return []*prometheus.HistogramVec{ttfbByBucket} }

// One name with different constant label values is one metric with several
// series: the registry identifies a descriptor by its name and constant
// label values, and accepts the second when help and label names agree.
func limits(reg prometheus.Registerer, maxConns, maxRate float64) {
	promauto.With(reg).NewGauge(prometheus.GaugeOpts{
		Name:        "shop_instance_limits",
		Help:        "Instance limits.",
		ConstLabels: prometheus.Labels{"limit": "max_conns"},
	}).Set(maxConns)
	promauto.With(reg).NewGauge(prometheus.GaugeOpts{
		Name:        "shop_instance_limits",
		Help:        "Instance limits.",
		ConstLabels: prometheus.Labels{"limit": "max_rate"},
	}).Set(maxRate)
	// The same constant values again: a duplicate.
	promauto.With(reg).NewGauge(prometheus.GaugeOpts{
		Name:        "shop_instance_limits", // want `metric "shop_instance_limits" is already defined at line \d+ and both are registered on the same registerer: the second registration panics`
		Help:        "Instance limits.",
		ConstLabels: prometheus.Labels{"limit": "max_rate"},
	}).Set(maxRate)
	// Other values but another help string: inconsistent.
	promauto.With(reg).NewGauge(prometheus.GaugeOpts{
		Name:        "shop_instance_limits", // want `metric "shop_instance_limits" is already defined at line \d+ with other constant label values but a different help string, and both are registered on the same registerer: the registry requires one help string and one set of label names per metric name`
		Help:        "Limits of this instance.",
		ConstLabels: prometheus.Labels{"limit": "max_queue"},
	}).Set(maxRate)
}

// Constant label values that are not constants: the identity is unknown.
func perShard(reg prometheus.Registerer, a, b string) {
	promauto.With(reg).NewGauge(prometheus.GaugeOpts{Name: "shop_shard_up", Help: "Shard up.", ConstLabels: prometheus.Labels{"shard": a}})
	promauto.With(reg).NewGauge(prometheus.GaugeOpts{Name: "shop_shard_up", Help: "Shard up.", ConstLabels: prometheus.Labels{"shard": b}})
}
