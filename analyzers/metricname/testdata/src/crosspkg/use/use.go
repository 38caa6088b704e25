package use

import (
	"net/http"

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
