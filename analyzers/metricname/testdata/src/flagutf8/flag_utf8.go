// Package flagutf8 is checked with -metricname.scheme=utf8: dots and dashes
// are valid, invalid UTF-8 is not.
package flagutf8

import "github.com/prometheus/client_golang/prometheus"

var (
	dotted = prometheus.NewCounter(prometheus.CounterOpts{Name: "http.server.requests_total", Help: "Requests."})
	broken = prometheus.NewCounter(prometheus.CounterOpts{Name: "requests_\xff_total", Help: "Requests."}) // want `metric name "requests_\\xff_total" is not valid UTF-8`
)
