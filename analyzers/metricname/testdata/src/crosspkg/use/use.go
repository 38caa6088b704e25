package use

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"fixtures/crosspkg/defs"
)

// The vector is defined in another package: the finding names its label
// and its metric.
func serve(m *defs.Metrics, w http.ResponseWriter, r *http.Request) {
	m.Requests.WithLabelValues(r.URL.Path, "200").Inc()   // want `label "path" of "api_requests_total" gets an unbounded value`
	defs.ByPath.WithLabelValues("/api", r.URL.Path).Inc() // want `label "path" of "api_calls_total" gets an unbounded value`
}

// --- negatives a naive rule would flag ---

// The defining package deletes the session's series when it ends.
func open(m *defs.Metrics, r *http.Request) {
	m.Sessions.WithLabelValues(r.Header.Get("X-Session")).Set(0)
}

// A collector that is never registered exposes nothing.
func scratch(m *defs.Metrics, r *http.Request) {
	m.Scratch.WithLabelValues(r.URL.Path).Inc()
}

// A vector handed in by the caller: its label names and whether the caller
// deletes its series are out of sight. An id may key a series per live
// object (the caller forgets it when the object goes), so only a value
// that is unbounded by its source is reported.
type queue struct {
	length *prometheus.GaugeVec
}

func newQueue(length *prometheus.GaugeVec) *queue { return &queue{length: length} }

func (q *queue) push(userID string, r *http.Request) {
	q.length.WithLabelValues(userID).Inc()
	q.length.WithLabelValues(r.URL.Path).Inc() // want `label value 1 of the metric in field queue.length gets an unbounded value \(r.URL.Path`
}
