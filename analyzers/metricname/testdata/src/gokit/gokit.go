// Package gokit holds the fixtures of go-kit's metrics API: the
// Prometheus adapter defines client_golang vectors, and With takes label
// names and values alternately.
package gokit

import (
	"net/http"

	"github.com/go-kit/kit/metrics"
	kitprometheus "github.com/go-kit/kit/metrics/prometheus"
	"github.com/go-kit/kit/metrics/statsd"
	"github.com/prometheus/client_golang/prometheus"
)

// NewCounterFrom builds and registers a client_golang vector: its name
// gets the same rules.
var badName = kitprometheus.NewCounterFrom(prometheus.CounterOpts{
	Name: "requestsServed", // want `metric name "requestsServed" is camelCase.*counter "requestsServed" does not end in _total`
	Help: "Requests served.",
}, []string{"method"})

var requests metrics.Counter = kitprometheus.NewCounterFrom(prometheus.CounterOpts{
	Name: "http_requests_total",
	Help: "HTTP requests.",
}, []string{"route", "method", "status"})

var logins = kitprometheus.NewCounterFrom(prometheus.CounterOpts{
	Name: "logins_total",
	Help: "Logins.",
}, []string{"user_id"}) // want `label "user_id" of "logins_total" holds a user id`

// Both register on the default registry: the second panics.
var dupA = kitprometheus.NewGaugeFrom(prometheus.GaugeOpts{Name: "queue_depth", Help: "Queue depth."}, nil)
var dupB = kitprometheus.NewGaugeFrom(prometheus.GaugeOpts{Name: "queue_depth", Help: "Queue depth."}, nil) // want `metric "queue_depth" is already defined at line \d+ and both are registered on the default registry`

// A wrapper of a vector defined here: the vector is the definition.
var latency = kitprometheus.NewHistogram(prometheus.NewHistogramVec(prometheus.HistogramOpts{
	Name: "request_duration_seconds",
	Help: "Request duration.",
}, []string{"route"}))

func handler(w http.ResponseWriter, r *http.Request) {
	// Positives: the raw path, through the interface and through a wrapper.
	requests.With("route", r.URL.Path, "method", "GET").Add(1) // want `label "route" of "http_requests_total" gets an unbounded value \(r.URL.Path`
	latency.With("route", r.URL.Path).Observe(1)               // want `label "route" of "request_duration_seconds" gets an unbounded value`
	logins.With("user_id", r.Header.Get("X-User")).Add(1)      // reported at its definition only

	// Negatives: the route template; a second pair whose name and value are fine.
	requests.With("route", r.Pattern, "method", "GET").Add(1)
	latency.With("route", r.Pattern).Observe(1)

	// A constant, and a choice among constants, under a name that looks
	// like an id.
	userID := "anonymous"
	requests.With("route", userID).Add(1)
	requestID := "internal"
	if r.TLS != nil {
		requestID = "external"
	}
	requests.With("route", requestID).Add(1)
}

// recordFor gets its counter from elsewhere: the label names at the call
// are all there is.
func recordFor(c metrics.Counter, r *http.Request, userID string, lvs []string) {
	c.With("user_id", "x").Add(1)         // want `label "user_id" holds a user id, an unbounded set`
	c.With("path", r.URL.RawQuery).Add(1) // want `label "path" gets an unbounded value`
	c.With("customer", userID).Add(1)     // want `label "customer" gets an identifier-like value \(userID`
	c.With("route", r.Pattern).Add(1)
	// A bare noun that is often a route template, and a value that reads
	// like a label name: the names are the even positions.
	c.With("path", r.Pattern, "field", "user_id").Add(1)
	// Label values built elsewhere: nothing to read.
	c.With(lvs...).Add(1)
	// A name that is not a constant: only the value's source counts.
	name := lvs[0]
	c.With(name, userID).Add(1)
}

// statsd drops label values: nothing becomes a series.
func statsdCounter(c *statsd.Counter, r *http.Request) {
	c.With("path", r.URL.Path).Add(1)
}
