package app

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"example.com/e2e/helper"
)

var requests = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "e2e_requests",
	Help: "Requests handled.",
}, []string{"path", "outcome"})

func record(r *http.Request, code int) {
	requests.WithLabelValues(r.URL.Path, helper.Outcome(code)).Inc()
}

// recordRoute is the look-alike that is fine: the route pattern and a
// bounded outcome from a helper of another package.
func recordRoute(r *http.Request, code int) {
	requests.WithLabelValues(r.Pattern, helper.Outcome(code)).Inc()
}

// The collector is registered on the default registry: it is exposed.
func init() { prometheus.MustRegister(requests) }
